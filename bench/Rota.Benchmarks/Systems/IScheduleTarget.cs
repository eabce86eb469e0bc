namespace Rota.Benchmarks.Systems;

/// <summary>A system holding recurring schedules (precision and idle scenarios). Dispose stops it.</summary>
internal interface IScheduleTarget : IAsyncDisposable
{
    Task StartAsync();

    /// <summary>CPU time used so far by helper processes (the other nodes of a cluster); zero for one process.</summary>
    TimeSpan HelperCpu => TimeSpan.Zero;

    /// <summary>Brings fires recorded in other processes into this process's recorder (stopping those processes).</summary>
    Task CollectFiresAsync() => Task.CompletedTask;
}

namespace Rota.Benchmarks.Systems;

/// <summary>A system holding recurring schedules (precision and idle scenarios). Dispose stops it.</summary>
internal interface IScheduleTarget : IAsyncDisposable
{
    Task StartAsync();
}

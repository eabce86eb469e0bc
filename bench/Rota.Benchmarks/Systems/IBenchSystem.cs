using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems;

/// <summary>A scheduler under test. It only sets itself up; the scenarios do all timing and measuring.</summary>
internal interface IBenchSystem
{
    string Name { get; }

    /// <summary>True when the system keeps its data in PostgreSQL (the child then creates a database for it).</summary>
    bool UsesPostgres => false;

    /// <summary>Engines sharing the store (1 unless <c>--nodes</c> runs a cluster).</summary>
    int Nodes => 1;

    /// <summary>A store in <paramref name="place"/> ready to take no-op jobs, not yet processing them.</summary>
    Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers);

    /// <summary><paramref name="count"/> recurring schedules (keys <see cref="ScheduleKeys.Of"/>) whose handler records
    /// each fire in <paramref name="recorder"/>; defined but not started.</summary>
    Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder);
}

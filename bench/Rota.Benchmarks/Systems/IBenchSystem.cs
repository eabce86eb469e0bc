using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems;

/// <summary>A scheduler under test. It only sets itself up; the scenarios do all timing and measuring.</summary>
internal interface IBenchSystem
{
    string Name { get; }

    /// <summary>A store in <paramref name="directory"/> ready to take no-op jobs, not yet processing them.</summary>
    Task<IThroughputTarget> CreateThroughputAsync(string directory, int workers);

    /// <summary><paramref name="count"/> recurring schedules (keys <see cref="ScheduleKeys.Of"/>) whose handler records
    /// each fire in <paramref name="recorder"/>; defined but not started.</summary>
    Task<IScheduleTarget> CreateSchedulesAsync(string directory, int workers, ScheduleKind kind, int count, FireRecorder recorder);
}

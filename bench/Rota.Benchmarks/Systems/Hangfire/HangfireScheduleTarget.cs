using System.Globalization;
using global::Hangfire;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Recurring jobs on Hangfire/InMemory (idle scenario only: Hangfire's recurring scheduler polls every 15 s
/// by default, so every-second precision is not a meaningful comparison).</summary>
internal sealed class HangfireScheduleTarget(int workers) : IScheduleTarget
{
    private BackgroundJobServer? _server;

    public static Task<HangfireScheduleTarget> CreateAsync(int workers, ScheduleKind kind, int count, string? postgres = null)
    {
        if (kind != ScheduleKind.Never) throw new NotSupportedException("hangfire: only the idle scenario is supported");
        var storage = postgres is null ? HangfireStorageSetup.UseInMemory() : HangfireStorageSetup.UsePostgres(postgres);
        var manager = new RecurringJobManager(storage);
        var cron = string.Create(CultureInfo.InvariantCulture, $"0 0 1 {ScheduleKeys.FarMonth()} *");
        foreach (var key in ScheduleKeys.All(count))
            manager.AddOrUpdate(key, () => HangfireJobs.Record(key), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.FromResult(new HangfireScheduleTarget(workers));
    }

    public Task StartAsync()
    {
        _server = HangfireStorageSetup.StartServer(workers);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Benchmarks.Api;

/// <summary>Fills a store with one task (<c>bench</c>, noop, overlap allow_all) and N history rows (skipped and cancelled,
/// written in bulk as the scheduler writes them) spread over 30 days, so list queries page through a realistic table.</summary>
internal static class ApiSeeder
{
    public const string TaskName = "bench";

    public static async Task<TimeSpan> SeedAsync(IRotaStore store, int runs)
    {
        var sw = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        await store.MigrationUp(new MigrationUpParams(now));
        var task = await store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = TaskName, Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll), Origin = TaskOrigin.Api,
            Retention = RetentionPolicy.Default with { KeepSucceeded = int.MaxValue, KeepFailed = int.MaxValue, MaxAge = TimeSpan.FromDays(3650) },
        }, now));
        await store.QueueUpsert(new QueueUpsertParams("default", 10));
        const int batch = 5000;
        var start = now.AddDays(-30);
        var step = TimeSpan.FromDays(30) / Math.Max(1, runs);
        for (var i = 0; i < runs; i += batch)
        {
            var rows = Enumerable.Range(i, Math.Min(batch, runs - i)).Select(k => new RunInsertParams
            {
                TaskId = task.Id, Trigger = k % 10 == 0 ? RunTrigger.Api : RunTrigger.Schedule, Status = k % 50 == 0 ? RunStatus.Cancelled : RunStatus.Skipped,
                Reason = "seeded history", ScheduledAt = start + step * k, Now = start + step * k, MaxAttempts = 1,
            }).ToList();
            await store.RunInsertMany(rows);
        }
        return sw.Elapsed;
    }
}

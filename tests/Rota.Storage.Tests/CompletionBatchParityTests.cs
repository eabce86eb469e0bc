using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

/// <summary>One completion batch carrying several outcomes of a task records the same task outcome on both stores.</summary>
public sealed class CompletionBatchParityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_MixedBatch_CountsFailuresAfterLastSuccess()
    {
        await using var db = await TestSqlite.CreateAsync(T0);
        await MixedBatch(db.Store);
    }

    [Fact]
    public async Task Postgres_MixedBatch_CountsFailuresAfterLastSuccess()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        await MixedBatch(db.Store);
    }

    private static async Task MixedBatch(IRotaStore store)
    {
        var t = await store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = "mix", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll), PauseAfterFailures = 5,
        }, T0));
        await store.RunInsertMany(Enumerable.Range(0, 4).Select(_ => new RunInsertParams { TaskId = t.Id, ScheduledAt = T0, Now = T0 }).ToList());
        var runs = await store.RunClaimNext(new RunClaimNextParams("default", "n1", 10, T0, T0.AddMinutes(1)));
        var outcomes = new[] { RunStatus.Failed, RunStatus.Succeeded, RunStatus.Failed, RunStatus.TimedOut };
        // Given newest first, with the two last failures at the same instant.
        var batch = runs.Select((r, i) => new RunCompletion
        {
            RunId = r.Id, Attempt = r.Attempt, Status = outcomes[i], EndedAt = T0.AddSeconds(Math.Min(i, 2) + 1),
        }).Reverse().ToList();

        Assert.Equal(4, await store.RunCompleteMany(batch));
        var task = (await store.TaskGet("mix"))!;
        Assert.Equal(2, task.ConsecutiveFailures);
        Assert.Equal(RunStatus.Failed, task.LastStatus);
        Assert.Equal(T0.AddSeconds(3), task.LastRunAt);
        Assert.True(task.Definition.Enabled);
        Assert.Equal(RunStatus.TimedOut, Assert.Single(await store.RunAttemptList(runs[3].Id)).Status);
    }
}

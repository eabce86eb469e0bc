using Rota.Runs;
using Rota.Storage;
using Rota.Storage.Sqlite;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>
/// SIGKILL `rota serve` while runs are in flight, restart it, stop it gracefully, and account for every run:
/// each occurrence stored once, every run caught mid-flight retried to success, no attempt started twice,
/// and the database file intact.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Serve_KilledMidRun_LosesNothingAndRunsNothingTwice()
    {
        using var dir = new TempDirectory();
        var log = dir.File("work.log");
        File.WriteAllText(dir.File("rota.yaml"), $$"""
            tasks:
              - name: work
                handler: command
                every: 1s
                overlap: allow_all(20)
                retry: { attempts: 3, backoff: 1s, jitter: false }
                parameters:
                  program: /bin/sh
                  args: ["-c", "echo start $ROTA_RUN_ID $ROTA_ATTEMPT >> {{log}}; sleep 1; echo end $ROTA_RUN_ID $ROTA_ATTEMPT >> {{log}}"]
            """);
        var db = dir.File("rota.db");

        using (var first = RotaProcess.Start(dir.Path, "serve", "--db", db))
        {
            await first.WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(4));
            first.Signal("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        List<long> inFlight;
        await using (var store = await SqliteStore.OpenAsync(db))
            inFlight = (await store.RunList(new RunListParams { TaskName = "work", Status = RunStatus.Running, Limit = 1000 })).Select(r => r.Id).ToList();
        Assert.NotEmpty(inFlight);

        using (var second = RotaProcess.Start(dir.Path, "serve", "--db", db))
        {
            await second.WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(6));
            second.Signal("TERM");
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        await Task.Delay(1500); // children orphaned by the SIGKILL finish their last echo

        await using var check = await SqliteStore.OpenAsync(db);
        var runs = await check.RunList(new RunListParams { TaskName = "work", Limit = 10_000 });
        var lines = File.ReadAllLines(log).Select(l => l.Split(' ')).ToList();
        var starts = lines.Where(l => l[0] == "start").Select(l => (Run: long.Parse(l[1]), Attempt: int.Parse(l[2]))).ToList();

        var leftActive = runs.Where(r => r.Status is RunStatus.Running or RunStatus.Available
            || (r.Status == RunStatus.Scheduled && r.ScheduledAt < TimeProvider.System.GetUtcNow().AddSeconds(-5))).ToList();
        Assert.True(leftActive.Count == 0, "runs left active after a graceful stop: " + string.Join(", ", leftActive.Select(r => $"{r.Id}:{r.Status}")));
        var occurrences = runs.Where(r => r.Trigger == RunTrigger.Schedule).Select(r => (r.ScheduleId, r.NominalTime)).ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        var duplicates = starts.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "attempts started twice: " + string.Join(", ", duplicates));
        foreach (var id in inFlight)
        {
            var run = runs.Single(r => r.Id == id);
            Assert.True(run.Status == RunStatus.Succeeded && run.Attempt >= 2, $"run {id} was in flight at the kill; now {run.Status} attempt {run.Attempt}");
            Assert.Equal("run.orphaned", (await check.RunAttemptList(id))[0].Error?.Type);
        }
        foreach (var run in runs.Where(r => r.Status == RunStatus.Succeeded))
            Assert.Contains((run.Id, run.Attempt), starts);
        Assert.Equal("ok", await check.IntegrityCheck());

        output.WriteLine($"runs {runs.Count}: succeeded {runs.Count(r => r.Status == RunStatus.Succeeded)}, " +
            $"missed {runs.Count(r => r.Status == RunStatus.Missed)}, in flight at kill {inFlight.Count} (all retried and succeeded), " +
            $"attempts started {starts.Count}, duplicates 0, integrity ok");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using Rota.Storage.Postgres;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>
/// The cluster chaos test (issue 4): three <c>rota serve --store postgres</c> processes on one private PostgreSQL
/// server, 200 schedules firing every second plus a stream of enqueued jobs for about a minute, while the test SIGKILLs
/// the leader mid-run (and starts it again), SIGSTOPs the next leader past its lease then resumes it, and restarts
/// PostgreSQL. Afterwards the database must show every occurrence exactly once, no miss outside the disruptions, every
/// job succeeded and every orphaned run rescued. What is asserted, exactly, is listed in docs/clustering.md.
/// </summary>
public sealed class ClusterChaosTests(ITestOutputHelper output)
{
    private const int Schedules = 200;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan JobTime = TimeSpan.FromMilliseconds(500);

    private readonly List<string> _timeline = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task ThreeNodes_KillPauseAndDatabaseRestart_NoOccurrenceMissedOrDuplicated_NoJobLost()
    {
        await using var pg = await PostgresServer.CreateAsync();
        await using var http = await LoopbackHttpServer.StartAsync();
        http.Map("/job", async ctx => { await Task.Delay(JobTime); ctx.Response.StatusCode = 200; });
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("rota.yaml"), Config(http.Url("/job")));
        var env = new Dictionary<string, string>
        {
            ["ROTA_LEASE_DURATION"] = "6s", ["ROTA_HEARTBEAT_INTERVAL"] = "2s", ["ROTA_POLL_INTERVAL"] = "1s",
        };
        var nodes = new Dictionary<string, RotaProcess>();
        RotaProcess Serve(string name) =>
            RotaProcess.Start(dir.Path, env, "serve", "--store", "postgres", "--connection", pg.ConnectionString, "--node", name);
        try
        {
            // The first node creates the schema and the 200 tasks; the others then find them unchanged.
            nodes["n1"] = Serve("n1");
            await nodes["n1"].WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(90));
            nodes["n2"] = Serve("n2");
            nodes["n3"] = Serve("n3");
            await Task.WhenAll(nodes["n2"].WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60)),
                nodes["n3"].WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60)));
            Mark("3 nodes serving");

            await using var store = await PostgresStore.OpenAsync(pg.ConnectionString);
            var jobTask = (await store.TaskGet("job"))!.Id;
            var from = Now().AddSeconds(2);
            using var stop = new CancellationTokenSource();
            var leaders = SampleLeadersAsync(pg.ConnectionString, stop.Token);
            var jobs = EnqueueJobsAsync(store, jobTask, stop.Token);

            // 1. SIGKILL the leader while it runs jobs; start it again (same name) once another node leads.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var first = await WaitForLeaderAsync(pg.ConnectionString, null);
            await WaitUntilAsync(async () => (await RunningOn(pg.ConnectionString, first)).Count > 0, "the leader to hold running work");
            nodes[first].Signal("KILL");
            var killedAt = Now();
            var orphansOfKill = await RunningOn(pg.ConnectionString, first);
            Mark($"SIGKILL leader {first} holding {orphansOfKill.Count} running runs");
            var second = await WaitForLeaderAsync(pg.ConnectionString, first);
            var tookOver1 = Now();
            Mark($"{second} leads ({(tookOver1 - killedAt).TotalSeconds:F1} s after the kill)");
            nodes[first].Dispose();
            nodes[first] = Serve(first);

            // 2. SIGSTOP the new leader past its lease, then SIGCONT it.
            await Task.Delay(TimeSpan.FromSeconds(6));
            await WaitUntilAsync(async () => (await RunningOn(pg.ConnectionString, second)).Count > 0, "the second leader to hold running work");
            nodes[second].Signal("STOP");
            var pausedAt = Now();
            var orphansOfPause = await RunningOn(pg.ConnectionString, second);
            Mark($"SIGSTOP leader {second} holding {orphansOfPause.Count} running runs");
            var third = await WaitForLeaderAsync(pg.ConnectionString, second);
            var tookOver2 = Now();
            Mark($"{third} leads ({(tookOver2 - pausedAt).TotalSeconds:F1} s after the pause)");
            var pauseLeft = Lease * 2 - (Now() - pausedAt);
            if (pauseLeft > TimeSpan.Zero) await Task.Delay(pauseLeft);
            nodes[second].Signal("CONT");
            Mark($"SIGCONT {second}");

            // 3. Restart PostgreSQL.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var pgDownAt = Now();
            await pg.StopAsync();
            Mark("PostgreSQL stopped");
            await Task.Delay(TimeSpan.FromSeconds(3));
            await pg.StartAsync();
            var pgUpAt = Now();
            Mark("PostgreSQL started");

            await Task.Delay(TimeSpan.FromSeconds(12));
            await stop.CancelAsync();
            var enqueued = await jobs;
            var until = Now().AddSeconds(-3);
            Mark($"stream stopped after {enqueued} jobs");
            await WaitUntilAsync(async () => await CountAsync(pg.ConnectionString,
                "SELECT count(*) FROM rota_runs WHERE status IN ('scheduled','available','running')") == 0, "every run to finish", TimeSpan.FromSeconds(30));
            var samples = await leaders;
            Mark("drained");

            // Disruption windows, by nominal time: from the event until the cluster had a working leader again.
            var windows = new (DateTimeOffset From, DateTimeOffset To)[]
            {
                (killedAt.AddSeconds(-1), tookOver1.AddSeconds(3)),
                (pausedAt.AddSeconds(-1), tookOver2.AddSeconds(3)),
                (pgDownAt.AddSeconds(-1), pgUpAt + Lease + Heartbeat * 2),
            };
            var report = await ReportAsync(pg.ConnectionString, from, until, windows, orphansOfKill.Concat(orphansOfPause).ToList(), enqueued, samples);
            output.WriteLine(report.Text);
            Console.WriteLine(report.Text);
            foreach (var (name, p) in nodes) if (p.HasExited) Assert.Fail($"node {name} exited:\n{p.Output}");
            Assert.Equal(0, report.Duplicated);
            Assert.Equal(0, report.Absent);
            Assert.Equal(0, report.MissedOutside);
            Assert.Equal(0, report.JobsLost);
            Assert.Equal(0, report.OrphansNotRescued);
            Assert.Equal(0, report.StillRunning);
            Assert.True(report.Terms >= 3, $"leadership should have moved twice (kill, pause): {report.Terms} terms seen");
            Assert.True(report.Holders >= 2, $"leadership should have moved to another node: {report.Holders} holders");
            Assert.True(report.LeaderAtEnd, "a leader holds an unexpired lease at the end");
        }
        catch
        {
            foreach (var (name, p) in nodes) output.WriteLine($"--- {name} ---\n{Tail(p.Output)}");
            output.WriteLine(string.Join('\n', _timeline));
            throw;
        }
        finally
        {
            foreach (var p in nodes.Values)
            {
                try { p.Signal("CONT"); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
    }

    private static string Config(string jobUrl)
    {
        // 50 slots per node: the test is about correctness under failures, not about 10 slots racing 200 ticks a second.
        var sb = new StringBuilder("queues:\n  - name: default\n    concurrency: 50\ntasks:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  - name: job\n    handler: http\n    parameters: {{ url: \"{jobUrl}\", timeout: 10s }}\n")
          .Append("    overlap: allow_all\n    retry: { attempts: 5, backoff: 1s, jitter: false }\n")
          .Append("    retention: { keep_succeeded: 100000, keep_failed: 100000 }\n");
        for (var i = 0; i < Schedules; i++)
            sb.Append(CultureInfo.InvariantCulture, $"  - name: t{i:D3}\n    handler: noop\n    every: 1s\n    retention: {{ keep_succeeded: 100000, keep_failed: 100000 }}\n");
        return sb.ToString();
    }

    /// <summary>About 20 jobs a second until stopped, each with an idempotency key, retried while the database is down.</summary>
    private static async Task<int> EnqueueJobsAsync(PostgresStore store, long taskId, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = Now();
            var batch = Enumerable.Range(n, 4).Select(i => new RunInsertParams
            {
                TaskId = taskId, Trigger = RunTrigger.Api, Status = RunStatus.Available, ScheduledAt = now, Now = now,
                MaxAttempts = 5, IdempotencyKey = $"job-{i}",
            }).ToList();
            while (true)
            {
                try { await store.RunInsertMany(batch, CancellationToken.None); break; }
                catch (RotaException ex) when (ex.IsTransient) { await Task.Delay(250, CancellationToken.None); }
            }
            n += batch.Count;
            try { await Task.Delay(200, stop); } catch (OperationCanceledException) { break; }
        }
        return n;
    }

    private static async Task<List<(DateTimeOffset At, string? Holder, long Term, bool Valid)>> SampleLeadersAsync(string cs, CancellationToken stop)
    {
        var samples = new List<(DateTimeOffset, string?, long, bool)>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var c = await Open(cs);
                var row = await c.QueryFirstAsync<(string? Holder, long Term, DateTime LeaseUntil)>("SELECT holder, term, lease_until FROM rota_leader WHERE id = 1");
                samples.Add((Now(), row.Holder, row.Term, row.Holder is not null && row.LeaseUntil > Now().UtcDateTime));
            }
            catch (NpgsqlException) { }
            try { await Task.Delay(250, stop); } catch (OperationCanceledException) { break; }
        }
        return samples;
    }

    private async Task<string> WaitForLeaderAsync(string cs, string? notThis)
    {
        string? holder = null;
        await WaitUntilAsync(async () =>
        {
            await using var c = await Open(cs);
            var row = await c.QueryFirstAsync<(string? Holder, DateTime LeaseUntil)>("SELECT holder, lease_until FROM rota_leader WHERE id = 1");
            holder = row.Holder;
            return row.Holder is not null && row.Holder != notThis && row.LeaseUntil > Now().UtcDateTime;
        }, notThis is null ? "a leader" : $"a leader other than {notThis}", TimeSpan.FromSeconds(30));
        return holder!;
    }

    private static async Task<List<long>> RunningOn(string cs, string node)
    {
        await using var c = await Open(cs);
        return (await c.QueryAsync<long>("SELECT id FROM rota_runs WHERE status = 'running' AND node = @node", new { node })).ToList();
    }

    private static async Task<long> CountAsync(string cs, string sql, object? args = null)
    {
        await using var c = await Open(cs);
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    private sealed record Report(string Text, long Duplicated, long Absent, long MissedOutside, long JobsLost, long OrphansNotRescued,
        long StillRunning, int Terms, int Holders, bool LeaderAtEnd);

    private async Task<Report> ReportAsync(string cs, DateTimeOffset from, DateTimeOffset until, (DateTimeOffset From, DateTimeOffset To)[] windows,
        List<long> orphans, int enqueued, List<(DateTimeOffset At, string? Holder, long Term, bool Valid)> samples)
    {
        await using var c = await Open(cs);
        var first = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(from.ToUnixTimeMilliseconds() / 1000.0));
        var last = DateTimeOffset.FromUnixTimeSeconds(until.ToUnixTimeSeconds());
        var seconds = (long)(last - first).TotalSeconds + 1;
        var rows = (await c.QueryAsync<(DateTime Nominal, string Status, long Count)>(
            """
            SELECT r.nominal_time, r.status, count(*) FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
            WHERE t.name LIKE 't%' AND r.trigger = 'schedule' AND r.nominal_time BETWEEN @first AND @last
            GROUP BY r.nominal_time, r.status
            """, new { first = first.UtcDateTime, last = last.UtcDateTime })).ToList();
        var duplicated = await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM rota_runs WHERE schedule_id IS NOT NULL GROUP BY schedule_id, nominal_time HAVING count(*) > 1) d");
        var present = await c.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM (SELECT DISTINCT r.schedule_id, r.nominal_time FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
            WHERE t.name LIKE 't%' AND r.trigger = 'schedule' AND r.nominal_time BETWEEN @first AND @last) d
            """, new { first = first.UtcDateTime, last = last.UtcDateTime });
        bool Inside(DateTime nominal) => windows.Any(w => nominal >= w.From.UtcDateTime && nominal <= w.To.UtcDateTime);
        long Sum(string status, bool? inside) => rows.Where(r => r.Status == status && (inside is null || Inside(r.Nominal) == inside)).Sum(r => r.Count);
        var expected = seconds * Schedules;
        var jobs = (await c.QueryAsync<(string Status, long Count)>(
            "SELECT status, count(*) FROM rota_runs WHERE idempotency_key LIKE 'job-%' GROUP BY status")).ToList();
        var jobsSucceeded = jobs.Where(j => j.Status == "succeeded").Sum(j => j.Count);
        var retriedJobs = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM rota_runs WHERE idempotency_key LIKE 'job-%' AND attempt > 1");
        var rescued = await c.ExecuteScalarAsync<long>("SELECT count(DISTINCT run_id) FROM rota_run_attempts WHERE error_type = 'run.orphaned' AND run_id = ANY(@ids)", new { ids = orphans.ToArray() });
        var orphansDone = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM rota_runs WHERE id = ANY(@ids) AND status NOT IN ('running','scheduled','available')", new { ids = orphans.ToArray() });
        // An orphan is rescued when its orphaned attempt was recorded; one its own node finished before the lease ran out
        // (the paused node may complete after SIGCONT if nobody rescued it yet) needed no rescue.
        var finishedByOwner = await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM rota_runs r WHERE r.id = ANY(@ids) AND r.attempt = 1 AND r.status = 'succeeded' AND NOT EXISTS (SELECT 1 FROM rota_run_attempts a WHERE a.run_id = r.id AND a.error_type = 'run.orphaned')", new { ids = orphans.ToArray() });
        // Schedules keep firing after the drain, so only runs created before the window's end must have ended.
        var stillRunning = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM rota_runs WHERE status = 'running' AND created_at <= @until",
            new { until = until.UtcDateTime });
        var terms = samples.Select(s => s.Term).Distinct().Count();
        var holders = samples.Where(s => s.Holder is not null).Select(s => s.Holder).Distinct().Count();
        var longestGap = TimeSpan.Zero;
        DateTimeOffset? gapStart = null;
        foreach (var s in samples)
        {
            if (!s.Valid) gapStart ??= s.At;
            else if (gapStart is { } g) { longestGap = s.At - g > longestGap ? s.At - g : longestGap; gapStart = null; }
        }
        var skippedOutside = rows.Where(r => r.Status == "skipped" && !Inside(r.Nominal)).OrderBy(r => r.Nominal)
            .Select(r => $"{r.Nominal:HH:mm:ss}×{r.Count}").ToList();
        var reasons = (await c.QueryAsync<(string Reason, long Count)>(
            "SELECT left(coalesce(reason, '?'), 70), count(*) FROM rota_runs WHERE status IN ('skipped', 'missed') GROUP BY 1 ORDER BY 2 DESC LIMIT 4")).ToList();
        var holderOrder = string.Join(" → ", samples.Where(s => s.Holder is not null).Select(s => $"{s.Holder}#{s.Term}").Aggregate(new List<string>(), (l, h) => { if (l.Count == 0 || l[^1] != h) l.Add(h); return l; }));
        var leaderAtEnd = await c.ExecuteScalarAsync<bool>("SELECT holder IS NOT NULL AND lease_until > now() FROM rota_leader WHERE id = 1");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: {Schedules} every-second schedules, window {first:HH:mm:ss}–{last:HH:mm:ss} ({seconds} s): expected {expected} occurrences, present {present}, absent {expected - present}, duplicated {duplicated}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: occurrences by status: succeeded {Sum("succeeded", null)}, missed {Sum("missed", null)} (outside disruption windows {Sum("missed", false)}), skipped {Sum("skipped", null)} (outside {Sum("skipped", false)}), other {rows.Where(r => r.Status is not ("succeeded" or "missed" or "skipped")).Sum(r => r.Count)}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: disruption windows {string.Join(", ", windows.Select(w => $"{w.From:HH:mm:ss}–{w.To:HH:mm:ss}"))}; skipped outside them by nominal second: {string.Join(" ", skippedOutside)}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: missed/skipped reasons: {string.Join("; ", reasons.Select(r => $"{r.Reason} ×{r.Count}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: jobs enqueued {enqueued}, succeeded {jobsSucceeded}, by status {string.Join(", ", jobs.Select(j => $"{j.Status} {j.Count}"))}; retried after a rescue or failure {retriedJobs}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: orphaned runs {orphans.Count}, rescued {rescued}, finished by their own node {finishedByOwner}, ended {orphansDone}; running at the end {stillRunning}")
            .AppendLine(CultureInfo.InvariantCulture, $"chaos: leadership samples {samples.Count}, terms seen {terms}, holders {holders}, longest gap without a valid leader {longestGap.TotalSeconds:F1} s, leader at end {leaderAtEnd}; holders in order {holderOrder}")
            .AppendLine(string.Join('\n', _timeline))
            .ToString();
        return new Report(text, duplicated, expected - present, Sum("missed", false), enqueued - jobsSucceeded,
            orphans.Count - orphansDone + (orphans.Count - rescued - finishedByOwner), stillRunning, terms, holders, leaderAtEnd);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try { if (await condition()) return; }
            catch (NpgsqlException) { }
            if (sw.Elapsed > (limit ?? TimeSpan.FromSeconds(20))) throw new TimeoutException($"chaos: timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<NpgsqlConnection> Open(string cs)
    {
        var c = new NpgsqlConnection(cs + ";Search Path=rota;Pooling=false");
        await c.OpenAsync();
        return c;
    }

    private static DateTimeOffset Now() => TimeProvider.System.GetUtcNow();

    private void Mark(string what) => _timeline.Add($"  {_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}

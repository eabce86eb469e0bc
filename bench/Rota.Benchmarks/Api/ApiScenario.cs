using System.Globalization;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Scenarios;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Api;

/// <summary>
/// The HTTP API under load (wrk on loopback): the runs list (50 per page) over N stored runs, a deep cursor page, and
/// run-now, on SQLite and PostgreSQL — each a real <c>rota serve</c> with bearer-token auth — beside Hangfire's dashboard
/// JSON (<c>POST /hangfire/stats</c>) in the same run. Targets: list ≥ 5,000 req/s with p99 ≤ 20 ms.
/// </summary>
internal sealed class ApiScenario : IScenario
{
    public const double TargetRps = 5000;
    public const double TargetP99Ms = 20;

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var runs = args.Int("runs", 1_000_000);
        var seconds = args.Int("seconds", 15);
        var connections = args.Int("connections", 32);
        var threads = args.Int("threads", 2);
        // Load before measuring until tiered compilation has re-compiled the request path (~15 s under load).
        var warmup = args.Int("warmup", 20, min: 1);
        var stores = args.Text("store", "all") switch
        {
            "all" => new[] { "sqlite", "postgres" },
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            var s => throw new UsageException($"--store: '{s}' must be sqlite, postgres or all"),
        };
        var hangfireJobs = args.Int("hangfire-jobs", 10_000);
        // --only list: the runs-list rows only (no run-now, no peer) — for iterating; the full run measures all.
        var listOnly = args.Text("only", "all") switch
        {
            "all" => false,
            "list" => true,
            var o => throw new UsageException($"--only: '{o}' must be list or all"),
        };
        args.RejectUnknown();
        Wrk.EnsureInstalled();
        var pg = Environment.GetEnvironmentVariable("ROTA_BENCH_PG") ?? Environment.GetEnvironmentVariable("ROTA_TEST_PG");
        if (stores.Contains("postgres") && pg is null)
            throw new UsageException("--store postgres needs a PostgreSQL connection string in ROTA_BENCH_PG (or ROTA_TEST_PG)");
        RunHeader.Print("api", $"runs {runs:N0} · wrk -t{threads} -c{connections} -d{seconds}s after a {warmup} s warm-up · stores {string.Join(", ", stores)} · hangfire jobs {hangfireJobs:N0}");
        var rows = new List<(string Name, WrkResult Result)>();
        foreach (var store in stores)
            await SeededServe.RunAsync(store, runs, pg, "api", async serve =>
            {
                var list = $"{serve.BaseUrl}/api/v1/runs?limit=50";
                await Wrk.RunAsync(list, serve.Token, threads, connections, warmup);
                rows.Add(($"rota/{store} GET runs (page 1)", await Measure(() => serve.CpuTime, list, serve.Token, threads, connections, seconds)));
                rows.Add(($"rota/{store} GET runs (cursor mid-table)", await Measure(() => serve.CpuTime, $"{list}&cursor={runs / 2}", serve.Token, threads, connections, seconds)));
                if (!listOnly)
                    rows.Add(($"rota/{store} POST run-now", await Measure(() => serve.CpuTime, $"{serve.BaseUrl}/api/v1/tasks/{ApiSeeder.TaskName}/runs", serve.Token, threads, connections, seconds, "POST", "{}")));
            });
        if (!listOnly) await MeasurePeerAsync(rows, hangfireJobs, threads, connections, seconds, warmup);
        return Print(rows);
    }

    private static async Task MeasurePeerAsync(List<(string Name, WrkResult Result)> rows, int hangfireJobs, int threads, int connections, int seconds, int warmup)
    {
        await using (var hangfire = await HangfirePeer.StartAsync(hangfireJobs))
        {
            var stats = $"{hangfire.Url}/hangfire/stats";
            const string form = "metrics[]=enqueued:count&metrics[]=succeeded:count&metrics[]=failed:count&metrics[]=processing:count&metrics[]=scheduled:count&metrics[]=servers:count";
            await Wrk.RunAsync(stats, null, threads, connections, warmup, "POST", form, "application/x-www-form-urlencoded");
            rows.Add(("hangfire/inmemory POST /hangfire/stats", await Measure(() => hangfire.CpuTime, stats, null, threads, connections, seconds, "POST", form, "application/x-www-form-urlencoded")));
        }
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) => throw new NotSupportedException("api runs no per-system child");

    /// <param name="cpuTime">The server's CPU time so far, read before and after the run for its CPU time per request.</param>
    private static async Task<WrkResult> Measure(Func<TimeSpan> cpuTime, string url, string? token, int threads, int connections, int seconds,
        string method = "GET", string? body = null, string contentType = "application/json")
    {
        var cpuBefore = cpuTime();
        var r = await Wrk.RunAsync(url, token, threads, connections, seconds, method, body, contentType);
        if (r.Requests > 0) r = r with { ServerCpuUsPerRequest = (cpuTime() - cpuBefore).TotalMicroseconds / r.Requests };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {method} {url}: {r.RequestsPerSecond:N0} req/s · p50 {r.P50Ms:N2} ms · p99 {r.P99Ms:N2} ms · server {r.ServerCpuUsPerRequest:N0} CPU-µs/req · non-2xx {r.Non2xx}"));
        return r;
    }

    private static int Print(List<(string Name, WrkResult Result)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| endpoint | req/s | p50 ms | p99 ms | server CPU-µs/req | non-2xx | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        var peer = rows.FirstOrDefault(r => r.Name.StartsWith("hangfire", StringComparison.Ordinal)).Result;
        var ok = true;
        foreach (var (name, r) in rows)
        {
            var isList = name.Contains("GET runs", StringComparison.Ordinal);
            var pass = !isList || (r.RequestsPerSecond >= TargetRps && r.P99Ms <= TargetP99Ms);
            if (r.Non2xx > 0 || !pass) ok = false;
            var target = isList ? $"≥ {TargetRps:N0} req/s, p99 ≤ {TargetP99Ms} ms: {(pass ? "PASS" : "MISS")}" : "";
            var ratio = peer is not null && !name.StartsWith("hangfire", StringComparison.Ordinal) ? $" ({r.RequestsPerSecond / peer.RequestsPerSecond:N2}× peer)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {r.RequestsPerSecond:N0}{ratio} | {r.P50Ms:N2} | {r.P99Ms:N2} | {(r.ServerCpuUsPerRequest is { } cpu ? cpu.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {r.Non2xx} | {target} |"));
        }
        return ok ? 0 : 1;
    }
}

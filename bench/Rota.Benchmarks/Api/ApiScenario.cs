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
        var stores = args.Text("store", "all") switch
        {
            "all" => new[] { "sqlite", "postgres" },
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            var s => throw new UsageException($"--store: '{s}' must be sqlite, postgres or all"),
        };
        var hangfireJobs = args.Int("hangfire-jobs", 10_000);
        args.RejectUnknown();
        Wrk.EnsureInstalled();
        var pg = Environment.GetEnvironmentVariable("ROTA_BENCH_PG") ?? Environment.GetEnvironmentVariable("ROTA_TEST_PG");
        if (stores.Contains("postgres") && pg is null)
            throw new UsageException("--store postgres needs a PostgreSQL connection string in ROTA_BENCH_PG (or ROTA_TEST_PG)");
        RunHeader.Print("api", $"runs {runs:N0} · wrk -t{threads} -c{connections} -d{seconds}s · stores {string.Join(", ", stores)} · hangfire jobs {hangfireJobs:N0}");
        var rows = new List<(string Name, WrkResult Result)>();
        foreach (var store in stores)
            await SeededServe.RunAsync(store, runs, pg, "api", async serve =>
            {
                var list = $"{serve.BaseUrl}/api/v1/runs?limit=50";
                await Wrk.RunAsync(list, serve.Token, threads, connections, 3);
                rows.Add(($"rota/{store} GET runs (page 1)", await Measure(list, serve.Token, threads, connections, seconds)));
                rows.Add(($"rota/{store} GET runs (cursor mid-table)", await Measure($"{list}&cursor={runs / 2}", serve.Token, threads, connections, seconds)));
                rows.Add(($"rota/{store} POST run-now", await Measure($"{serve.BaseUrl}/api/v1/tasks/{ApiSeeder.TaskName}/runs", serve.Token, threads, connections, seconds, "POST", "{}")));
            });
        await using (var hangfire = await HangfirePeer.StartAsync(hangfireJobs))
        {
            var stats = $"{hangfire.Url}/hangfire/stats";
            const string form = "metrics[]=enqueued:count&metrics[]=succeeded:count&metrics[]=failed:count&metrics[]=processing:count&metrics[]=scheduled:count&metrics[]=servers:count";
            await Wrk.RunAsync(stats, null, threads, connections, 3, "POST", form, "application/x-www-form-urlencoded");
            rows.Add(("hangfire/inmemory POST /hangfire/stats", await Measure(stats, null, threads, connections, seconds, "POST", form, "application/x-www-form-urlencoded")));
        }
        return Print(rows);
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) => throw new NotSupportedException("api runs no per-system child");

    private static async Task<WrkResult> Measure(string url, string? token, int threads, int connections, int seconds,
        string method = "GET", string? body = null, string contentType = "application/json")
    {
        var r = await Wrk.RunAsync(url, token, threads, connections, seconds, method, body, contentType);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method} {url}: {r.RequestsPerSecond:N0} req/s · p50 {r.P50Ms:N2} ms · p99 {r.P99Ms:N2} ms · non-2xx {r.Non2xx}"));
        return r;
    }

    private static int Print(List<(string Name, WrkResult Result)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| endpoint | req/s | p50 ms | p99 ms | non-2xx | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        var peer = rows.FirstOrDefault(r => r.Name.StartsWith("hangfire", StringComparison.Ordinal)).Result;
        var ok = true;
        foreach (var (name, r) in rows)
        {
            var isList = name.Contains("GET runs", StringComparison.Ordinal);
            var pass = !isList || (r.RequestsPerSecond >= TargetRps && r.P99Ms <= TargetP99Ms);
            if (r.Non2xx > 0 || !pass) ok = false;
            var target = isList ? $"≥ {TargetRps:N0} req/s, p99 ≤ {TargetP99Ms} ms: {(pass ? "PASS" : "MISS")}" : "";
            var ratio = peer is not null && !name.StartsWith("hangfire", StringComparison.Ordinal) ? $" ({r.RequestsPerSecond / peer.RequestsPerSecond:N2}× peer)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {r.RequestsPerSecond:N0}{ratio} | {r.P50Ms:N2} | {r.P99Ms:N2} | {r.Non2xx} | {target} |"));
        }
        return ok ? 0 : 1;
    }
}

using System.Globalization;
using Rota.Benchmarks.Api;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Scenarios;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Dashboard;

/// <summary>
/// Dashboard pages with N runs stored (issue 7): a real <c>rota serve</c> signed in with the first admin token; the
/// overview and the runs page (and a task's detail), sequential requests over loopback; server time (p50/p95) and page
/// weight (HTML + linked assets). Beside it in the same run, Hangfire's dashboard (InMemory storage) — its overview and
/// succeeded-jobs page. Targets: ≤ 300 ms server time, ≤ 300 KB per page.
/// </summary>
internal sealed class DashboardScenario : IScenario
{
    public const double TargetMs = 300;
    public const double TargetKb = 300;

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var runs = args.Int("runs", 1_000_000);
        var samples = args.Int("samples", 30);
        var store = args.Text("store", "sqlite");
        var hangfireJobs = args.Int("hangfire-jobs", 10_000);
        args.RejectUnknown();
        if (store is not ("sqlite" or "postgres")) throw new UsageException($"--store: '{store}' must be sqlite or postgres");
        var pg = Environment.GetEnvironmentVariable("ROTA_BENCH_PG") ?? Environment.GetEnvironmentVariable("ROTA_TEST_PG");
        if (store == "postgres" && pg is null) throw new UsageException("--store postgres needs ROTA_BENCH_PG (or ROTA_TEST_PG)");
        Rota.Benchmarks.Report.RunHeader.Print("dashboard", $"runs {runs:N0} · store {store} · {samples} sequential requests per page · hangfire jobs {hangfireJobs:N0}");
        var rows = new List<(string System, PageProbe.Result Result)>();
        await SeededServe.RunAsync(store, runs, pg, "dash", async serve =>
        {
            using var http = await DashboardSignIn.SignInAsync(serve.BaseUrl, serve.Token);
            var probe = new PageProbe(http);
            foreach (var page in new[] { "/", "/runs", $"/tasks/{ApiSeeder.TaskName}" })
                rows.Add(($"rota/{store}", await Report(probe, serve.BaseUrl + page, samples)));
        });
        await using (var hangfire = await HangfirePeer.StartAsync(hangfireJobs))
        {
            using var http = new HttpClient();
            var probe = new PageProbe(http);
            foreach (var page in new[] { "/hangfire", "/hangfire/jobs/succeeded" })
                rows.Add(("hangfire/inmemory", await Report(probe, hangfire.Url + page, samples)));
        }
        return Print(rows);
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) => throw new NotSupportedException("dashboard runs no per-system child");

    private static async Task<PageProbe.Result> Report(PageProbe probe, string url, int samples)
    {
        var r = await probe.MeasureAsync(url, samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  GET {url}: {r.Status} · first {r.FirstMs:N1} ms · p50 {r.P50Ms:N1} ms · p95 {r.P95Ms:N1} ms · max {r.MaxMs:N1} ms · HTML {r.HtmlBytes / 1024.0:N1} KB + {r.Assets} assets {r.AssetBytes / 1024.0:N1} KB"));
        return r;
    }

    private static int Print(List<(string System, PageProbe.Result Result)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| system | page | status | first request ms | p50 ms | p95 ms | HTML KB | assets KB | total KB | target (p95, total) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var ok = true;
        foreach (var (system, r) in rows)
        {
            var rota = system.StartsWith("rota", StringComparison.Ordinal);
            var pass = r.Status == 200 && r.P95Ms <= TargetMs && r.TotalBytes / 1024.0 <= TargetKb;
            if (rota && !pass) ok = false;
            var target = rota ? $"≤ {TargetMs:N0} ms, ≤ {TargetKb:N0} KB: {(pass ? "PASS" : "MISS")}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {system} | {new Uri(r.Url).PathAndQuery} | {r.Status} | {r.FirstMs:N1} | {r.P50Ms:N1} | {r.P95Ms:N1} | {r.HtmlBytes / 1024.0:N1} | {r.AssetBytes / 1024.0:N1} | {r.TotalBytes / 1024.0:N1} | {target} |"));
        }
        return ok ? 0 : 1;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rota.Cli.Tests;

/// <summary>The observability surface of a real <c>rota serve</c>: /metrics (checked by promtool), the OpenAPI document
/// (equal to docs/openapi.json) and the Swagger UI at /api/docs (served locally, no CDN).</summary>
public sealed partial class ServeHttpTests(ServeHttpFixture server) : IClassFixture<ServeHttpFixture>
{
    private const string Promtool = "/usr/bin/promtool";
    private const string PromtoolMissing = "install promtool: apt-get install -y prometheus";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_WhileATaskRunsEverySecond_RunSeriesCarryTheTaskAndGrow()
    {
        var first = await WaitForMetricsAsync(m => Value(m, "rota_runs_finished_total", "task=\"tick\",status=\"succeeded\"") >= 1);
        var finished = Value(first, "rota_runs_finished_total", "task=\"tick\",status=\"succeeded\"");
        var durations = Value(first, "rota_run_duration_seconds_count", "task=\"tick\"");
        var started = Value(first, "rota_runs_started_total", "task=\"tick\"");
        var late = Value(first, "rota_run_lateness_seconds_count", "task=\"tick\"");
        Assert.True(durations >= 1 && started >= 1 && late >= 1, "run duration, started and lateness series for task tick:\n" + first);
        Assert.Matches("rota_run_duration_seconds_bucket\\{task=\"tick\",le=\"\\+Inf\"\\} \\d+", first);
        Assert.Matches("rota_run_lateness_seconds_bucket\\{task=\"tick\",le=\"1\"\\} \\d+", first);

        var later = await WaitForMetricsAsync(m => Value(m, "rota_runs_finished_total", "task=\"tick\",status=\"succeeded\"") > finished);
        Assert.True(Value(later, "rota_run_duration_seconds_count", "task=\"tick\"") > durations, "duration count should grow:\n" + later);
        Assert.True(Value(later, "rota_runs_started_total", "task=\"tick\"") > started, "started count should grow:\n" + later);
        Assert.True(Value(later, "rota_run_lateness_seconds_count", "task=\"tick\"") > late, "lateness count should grow:\n" + later);
    }

    [Fact]
    public async Task Metrics_Scrape_HasGaugesCrawlCountersAndRouteTemplatedHttpMetrics()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("api/v1/tasks/no-such-task", TestContext.Current.CancellationToken)).StatusCode);
        var text = await ScrapeAsync();
        Assert.Matches("(?m)^rota_queue_depth\\{queue=\"default\"\\} \\d+$", text);
        Assert.Matches("(?m)^rota_queue_running\\{queue=\"default\"\\} \\d+$", text);
        Assert.Matches("(?m)^rota_node_heartbeat_age_seconds\\{node=\"[^\"]+\"\\} [0-9.e+-]+$", text);
        Assert.Matches("(?m)^rota_scheduler_leader 1$", text);
        Assert.Matches("(?m)^rota_store_up 1$", text);
        Assert.Matches("(?m)^rota_http_api_reads_waiting 0$", text);
        foreach (var crawl in new[] { "rota_crawl_items_fetched_total", "rota_crawl_items_new_total", "rota_source_errors_total" })
            Assert.Contains($"# TYPE {crawl} counter", text);
        // The route template, never the raw path: one series per route whatever names clients ask for.
        Assert.Contains("rota_http_requests_received_total{code=\"401\",method=\"GET\",endpoint=\"/api/v1/tasks/{name}\"}", text);
        Assert.DoesNotContain("no-such-task", text);
    }

    [Fact]
    public async Task Metrics_Output_IsAcceptedByPromtool()
    {
        Assert.True(File.Exists(Promtool), PromtoolMissing);
        await WaitForMetricsAsync(m => m.Contains("rota_run_duration_seconds_bucket", StringComparison.Ordinal));
        var text = await ScrapeAsync();
        var psi = new ProcessStartInfo(Promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("check");
        psi.ArgumentList.Add("metrics");
        using var promtool = Process.Start(psi) ?? throw new InvalidOperationException(PromtoolMissing);
        var stdout = promtool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = promtool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(promtool.ExitCode == 0, $"promtool check metrics exited {promtool.ExitCode}:\n{await stdout}{await stderr}");
        Assert.Equal("", (await stdout + await stderr).Trim());
    }

    [Fact]
    public async Task OpenApi_RunningServer_MatchesDocsOpenApiJson()
    {
        var served = JsonNode.Parse(await server.Http.GetStringAsync("api/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        var pretty = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("ROTA_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, pretty, TestContext.Current.CancellationToken);
        var committed = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)) : null;
        Assert.True(committed is not null && JsonNode.DeepEquals(committed, served),
            $"docs/openapi.json differs from the document the server generates ({server.Http.BaseAddress}api/openapi/v1.json). " +
            "If the API change is intended, regenerate it: ROTA_UPDATE_OPENAPI=1 dotnet test tests/Rota.Cli.Tests -c Release --filter OpenApi");
        Assert.Equal("3.1", served["openapi"]!.GetValue<string>()[..3]);
        Assert.Equal("Rota API", served["info"]!["title"]!.GetValue<string>());
        Assert.Null(served["servers"]);
        Assert.Equal("bearer", served["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        var tasks = served["paths"]!["/api/v1/tasks"]!["get"]!;
        Assert.NotNull(tasks["security"]![0]!["bearer"]);
        Assert.Equal("#/components/responses/Unauthorized", tasks["responses"]!["401"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(served["components"]!["responses"]!["Unauthorized"]!["content"]!["application/problem+json"]);
        Assert.Null(served["paths"]!["/healthz"]!["get"]!["security"]);
    }

    [Fact]
    public async Task Docs_IndexHtml_IsServedWithEveryAssetFromThisServer()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = await server.Http.GetAsync("api/docs/index.html", ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var html = await index.Content.ReadAsStringAsync(ct);
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.False(IsExternal(asset), $"/api/docs/index.html loads {asset} from outside the server");
            var response = await server.Http.GetAsync(new Uri(new Uri(server.Http.BaseAddress!, "api/docs/"), asset), ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(ct);
            if (asset.EndsWith(".css", StringComparison.Ordinal))
                foreach (Match url in CssUrl().Matches(body))
                    Assert.False(IsExternal(url.Groups[1].Value), $"{asset} loads {url.Groups[1].Value}");
            if (asset == "index.js")
            {
                // Comments cite sources (gist, GitHub issue); the code itself must name no outside address.
                var code = Comment().Replace(body, "");
                Assert.DoesNotMatch("https?://", code);
                Assert.Contains("\"url\":\"/api/openapi/v1.json\"", code);
            }
            // The vendored bundles carry spec links and XML namespaces as strings, but must not pull from a CDN.
            Assert.DoesNotMatch("(?i)unpkg\\.com|jsdelivr|cdnjs|googleapis|gstatic|bootstrapcdn", body);
        }
    }

    [Fact]
    public async Task Metrics_WithMetricsRequireToken_RefusesAnonymousScrapes()
    {
        await using var secured = new ServeHttpFixture();
        await secured.StartAsync(new Dictionary<string, string> { ["ROTA_METRICS_REQUIRE_TOKEN"] = "true" });
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Unauthorized, (await secured.Http.GetAsync("metrics", ct)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secured.AdminToken);
        var response = await secured.Http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rota_scheduler_leader", await response.Content.ReadAsStringAsync(ct));
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await server.Http.GetAsync("metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (real time: the child process runs a task every second).</summary>
    private async Task<string> WaitForMetricsAsync(Func<string, bool> done)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var text = await ScrapeAsync();
            if (done(text)) return text;
            Assert.True(sw.Elapsed < WaitLimit, $"metrics did not get there within {WaitLimit}:\n{text}\n--- serve output:\n{server.Serve.Output}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static double Value(string text, string metric, string labels)
    {
        var m = Regex.Match(text, $"(?m)^{Regex.Escape(metric)}\\{{{Regex.Escape(labels)}\\}} (\\S+)$");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static bool IsExternal(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) ||
        (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https");

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Rota.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        return dir;
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("url\\(\"?([^\")]+)\"?\\)")]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"/\*[\s\S]*?\*/|(?m)^\s*//[^\n]*")]
    private static partial Regex Comment();
}

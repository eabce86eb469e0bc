using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Rota.Examples.Tests;

/// <summary>Plain HTTP against the served API with a bearer token, reading JSON as <see cref="JsonNode"/> so the
/// tests check the documents' field names exactly.</summary>
public sealed class ExampleApi(string url, string token) : IDisposable
{
    private static readonly string[] Terminal = ["succeeded", "failed", "partial", "cancelled", "timed_out", "abandoned", "skipped", "missed"];
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    public async Task<JsonNode> GetAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>A plain-text resource, e.g. a run's logs.</summary>
    public Task<string> GetTextAsync(string path) => _http.GetStringAsync(path);

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> PostAsync(string path, string json = "{}") =>
        SendAsync(HttpMethod.Post, path, json);

    /// <summary>The task's runs (newest first) from <c>GET /api/v1/runs?task=</c>.</summary>
    public async Task<JsonArray> RunsAsync(string task) => (await GetAsync($"/api/v1/runs?task={task}&limit=500"))["runs"]!.AsArray();

    /// <summary>Polls until one of the task's runs matches (real time: the server is another process).</summary>
    public async Task<JsonNode> WaitForRunAsync(string task, Func<JsonNode, bool> match, string what, int seconds = 20)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var runs = await RunsAsync(task);
            if (runs.FirstOrDefault(r => match(r!)) is { } hit) return hit!;
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds))
                Assert.Fail($"no run of '{task}' {what} within {seconds} s; runs: {runs.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <c>GET /api/v1/runs/ID</c> until the run has ended; returns the run.</summary>
    public async Task<JsonNode> WaitEndedAsync(long id, int seconds = 20)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var run = (await GetAsync($"/api/v1/runs/{id}"))["run"]!;
            if (Terminal.Contains(run["status"]!.GetValue<string>())) return run;
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"run {id} did not end within {seconds} s: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls seed 002's <c>GET /api/v1/tasks/worker/status</c> until it matches.</summary>
    public async Task<JsonNode> WaitForWorkerAsync(Func<JsonNode, bool> match, int seconds = 10)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var worker = await GetAsync("/api/v1/tasks/worker/status");
            if (match(worker)) return worker;
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"worker status did not match within {seconds} s: {worker.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static bool Is(JsonNode run, string status) => run["status"]!.GetValue<string>() == status;

    public static DateTimeOffset? Instant(JsonNode? node) => node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}

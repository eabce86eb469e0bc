using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rota.Execution;
using Rota.Runs;
using Rota.Tasks;

namespace Rota.Handlers;

/// <summary>
/// The <c>http</c> handler: sends one HTTP request and succeeds when the status is expected. Tasks created through the
/// API pass through the SSRF guard unless <see cref="RotaOptions.AllowPrivateNetworks"/>; tasks from configuration files
/// or code are the operator's own and may call any address. Parameters, stats and error codes: docs/handlers.md.
/// </summary>
public sealed class HttpTaskHandler(HttpTaskClients clients, IOptions<RotaOptions> options) : ITaskHandler
{
    /// <summary>The longest Retry-After honoured; a server asking for more is retried after this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);
    private const int DetailsChars = 2048;

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        HttpTaskRequest request;
        try { request = HttpTaskRequest.Parse(context.Parameters); }
        catch (RotaException ex) { return TaskOutcome.Fail(new RunError(ex.Code, ex.Message, IsTransient: false)); }

        var guarded = context.Task.Origin == TaskOrigin.Api && !options.Value.AllowPrivateNetworks;
        using var timeout = new CancellationTokenSource(request.Timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, timeout.Token);
        var started = context.Time.GetTimestamp();
        try
        {
            var (response, url, redirects) = await HttpRedirectFollower.SendAsync(clients.For(guarded), request, context, linked.Token).ConfigureAwait(false);
            using (response)
            {
                var capture = await HttpResponseCapture.ReadAsync(response, request.MaxResponseBytes, linked.Token).ConfigureAwait(false);
                var stats = Stats((int)response.StatusCode, capture, url, redirects, context, started);
                context.Log($"http: {request.Method} {url} -> {(int)response.StatusCode} in {stats["duration_ms"]} ms, {capture.Bytes} bytes{(capture.Truncated ? " (truncated)" : "")}");
                return Outcome(request, response, url, capture, stats, context);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            context.Log($"http: {request.Method} {request.Url} timed out after {request.Timeout}");
            return TaskOutcome.Fail(new RunError("http.timeout", $"http: {request.Method} {request.Url} did not complete within {request.Timeout}", IsTransient: true));
        }
        catch (RotaException ex) when (ex is not Net.AddressBlockedException)
        {
            return TaskOutcome.Fail(new RunError(ex.Code, ex.Message, IsTransient: ex.IsTransient));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Net.AddressBlockedException && !context.CancellationToken.IsCancellationRequested)
        {
            var error = HttpFailureClassifier.Classify(ex, request.Method, request.Url);
            context.Log(error.Message);
            return TaskOutcome.Fail(error);
        }
    }

    private static TaskOutcome Outcome(HttpTaskRequest request, HttpResponseMessage response, Uri url, HttpResponseCapture capture, JsonObject stats, TaskContext context)
    {
        var status = (int)response.StatusCode;
        if (request.Expect.Matches(status)) return TaskOutcome.Success(stats);
        // Server trouble and throttling may pass; any other status will not change by asking again.
        var transient = status >= 500 || status is 429 or 408;
        var details = capture.Text is { Length: > DetailsChars } t ? t[..DetailsChars] : capture.Text;
        var error = new RunError("http.unexpected_status",
            $"http: {request.Method} {url} returned {status} {response.ReasonPhrase}, expected {request.Expect}", details, transient);
        if (status is 429 or 503 && RetryAfter(response, context.Time) is { } after)
        {
            context.Log($"http: server asked to retry after {after}");
            return TaskOutcome.RetryAfter(after, error);
        }
        return TaskOutcome.Fail(error, stats);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var after = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return after is { } a ? TimeSpan.FromTicks(Math.Clamp(a.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    private static JsonObject Stats(int status, HttpResponseCapture capture, Uri url, int redirects, TaskContext context, long started) => new()
    {
        ["status"] = status,
        ["duration_ms"] = (long)context.Time.GetElapsedTime(started).TotalMilliseconds,
        ["response_bytes"] = capture.Bytes,
        ["truncated"] = capture.Truncated,
        ["content_type"] = capture.ContentType,
        ["body"] = capture.Text,
        ["url"] = url.ToString(),
        ["redirects"] = redirects,
    };
}

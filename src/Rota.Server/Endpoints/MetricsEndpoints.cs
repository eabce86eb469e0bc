using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using Rota.Server.Hosting;
using Rota.Server.Observability;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/metrics</c> in the Prometheus text format (anonymous unless <see cref="RotaServerOptions.MetricsRequireToken"/>),
/// plus HTTP request metrics for every request. Call before the other middleware so the request metrics see the final
/// status code, problem+json and 401s included.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RotaServerOptions>>().Value;
        var recorder = new RunMetricsRecorder(app.Services.GetRequiredService<RotaEngine>());
        app.Lifetime.ApplicationStopped.Register(recorder.Dispose);
        var sampler = new StoreGaugeSampler(app.Services.GetRequiredService<IRotaStore>(), app.Services.GetRequiredService<RotaEngine>(),
            app.Services.GetRequiredService<TimeProvider>());

        // The endpoint label is the route template (/api/v1/tasks/{name}), never the raw path: bounded cardinality.
        app.UseHttpMetrics(o =>
        {
            o.RequestCount.Counter = RotaMetrics.HttpRequests;
            o.RequestDuration.Histogram = RotaMetrics.HttpRequestDuration;
            o.InProgress.Gauge = RotaMetrics.HttpRequestsInProgress;
        });

        var endpoint = app.MapGet(Path, async (HttpContext http) =>
        {
            await sampler.SampleAsync(http.RequestAborted);
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await RotaMetrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, ExpositionFormat.PrometheusText, http.RequestAborted);
        }).ExcludeFromDescription();
        if (options.MetricsRequireToken) endpoint.RequireAuthorization();
        else endpoint.AllowAnonymous();
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Rota.Crawler;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Storage;
using Microsoft.Extensions.Options;
using Rota.Server.Auth;
using Rota.Server.Endpoints;
using Rota.Server.Json;
using Rota.Server.Live;
using Rota.Server.Problems;

namespace Rota.Server.Hosting;

/// <summary>Wires the HTTP host around an engine registered with <c>AddRota</c>: auth, JSON, limits, the API routes.</summary>
public static class RotaServerHosting
{
    /// <summary>Adds the server's services. Call after <c>services.AddRota(…)</c> and a store.</summary>
    public static WebApplicationBuilder AddRotaServer(this WebApplicationBuilder builder, Action<RotaServerOptions>? configure = null)
    {
        var options = new RotaServerOptions();
        configure?.Invoke(options);
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<Auditor>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<TokenTouchThrottle>();
        services.AddSingleton(sp => new TokenLookupCache(sp.GetRequiredService<TimeProvider>(), options.TokenCacheTtl,
            sp.GetRequiredService<IRotaStore>() as IAuthChangeNotifier));
        services.AddHostedService<TokenCacheInvalidator>();
        services.AddSingleton<RunOwners>();
        services.AddSingleton<EventHub>();
        services.AddHostedService<ClusterEventRelay>();
        services.AddSingleton<SlowReadCache>();
        services.AddSingleton<TaskStatistics>();
        // The sources and crawl routes crawl inline; UseCrawler() on the Rota builder registers the same services (and
        // the crawl handlers) first when the host uses it, and these defaults stand in when it does not.
        services.TryAddSingleton(new CrawlerOptions());
        services.TryAddSingleton(sp => CrawlerRotaBuilderExtensions.CreateFetcher(sp.GetRequiredService<CrawlerOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SourceCrawler(sp.GetRequiredService<IRotaStore>(), sp.GetRequiredService<FeedFetcher>(),
            sp.GetRequiredService<CrawlerOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<SourceCrawler>>()));
        // The alert routes test-send through the Alerter; UseAlerts() registers it (hosted, evaluating rules) first when
        // the host uses it, and this one (not hosted: test-sends only) stands in when it does not.
        services.TryAddSingleton(new Rota.Alerts.AlertOptions());
        services.TryAddSingleton(sp => new Rota.Alerts.Alerter(sp.GetRequiredService<RotaEngine>(), sp.GetRequiredService<Rota.Alerts.AlertOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.ConfigureHttpJsonOptions(j => ApiJson.Configure(j.SerializerOptions));
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        RateLimits.Add(services, options);
        services.AddOpenApi("v1", Observability.ApiDocument.Configure);
        Dashboard.DashboardHosting.AddRotaDashboard(services);
        return builder;
    }

    /// <summary>Maps /api/v1 (bearer token required), /healthz, /readyz, /metrics, the OpenAPI document and /api/docs.</summary>
    public static WebApplication MapRotaServer(this WebApplication app)
    {
        MetricsEndpoints.Map(app);
        app.UseMiddleware<ProblemMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<ApiReadGate>(app.Services.GetRequiredService<IOptions<RotaServerOptions>>().Value);
        app.Services.GetRequiredService<EventHub>();
        HealthEndpoints.Map(app);
        DocsEndpoints.Map(app);
        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        MapApi(api);
        Dashboard.DashboardHosting.MapRotaDashboard(app);
        return app;
    }

    private static void MapApi(RouteGroupBuilder api)
    {
        TaskEndpoints.Map(api);
        RunEndpoints.Map(api);
        PipelineEndpoints.Map(api);
        QueueEndpoints.Map(api);
        NodeEndpoints.Map(api);
        UserEndpoints.Map(api);
        TokenEndpoints.Map(api);
        AuditEndpoints.Map(api);
        CronEndpoints.Map(api);
        EventEndpoints.Map(api);
        StatsEndpoints.Map(api);
        SchedulerEndpoints.Map(api);
        OnDemandEndpoints.Map(api);
        SourceEndpoints.Map(api);
        CrawlEndpoints.Map(api);
        AlertEndpoints.Map(api);
    }
}

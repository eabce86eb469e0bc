using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rota.Server.Dashboard.Components;

namespace Rota.Server.Dashboard;

/// <summary>Wires the web dashboard: server-rendered Razor components at <c>/</c>, a cookie session next to the API's
/// bearer scheme, antiforgery on every form, the form actions and live events under <c>/ui</c>, and embedded assets.</summary>
public static class DashboardHosting
{
    public static IServiceCollection AddRotaDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Sessions and antiforgery tokens are sealed with ASP.NET Core data protection. Nodes behind one load balancer
        // must share the key ring: point ROTA_DATA_PROTECTION_KEYS at a directory they all see (default: per user profile).
        var keys = services.AddDataProtection().SetApplicationName("rota");
        if (Environment.GetEnvironmentVariable("ROTA_DATA_PROTECTION_KEYS") is { Length: > 0 } dir) keys.PersistKeysToFileSystem(new DirectoryInfo(dir));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rota_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication().AddCookie(DashboardAuth.SchemeName, DashboardAuth.Configure);
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuth.PolicyName, p => p.AddAuthenticationSchemes(DashboardAuth.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardActions>();
        services.AddSingleton<SourceReader>();
        services.AddSingleton<TokenActions>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<PipelineReader>();
        services.AddSingleton<PipelineActions>();
        services.AddSingleton<PipelineBuilderService>();
        services.AddSingleton<TaskFormService>();
        services.AddSingleton<SourceActions>();
        services.AddSingleton<SourcePreviewer>();
        services.AddSingleton<DashboardTriggerLimiter>();
        services.AddSingleton<LoginThrottle>();
        return services;
    }

    public static WebApplication MapRotaDashboard(this WebApplication app)
    {
        app.UseMiddleware<FailurePageMiddleware>();
        app.UseAntiforgery();
        app.UseMiddleware<ExpiredFormMiddleware>();
        DashboardEndpoints.Map(app);
        app.MapRazorComponents<App>().RequireAuthorization(DashboardAuth.PolicyName);
        return app;
    }
}

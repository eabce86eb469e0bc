using Microsoft.AspNetCore.Http;

namespace Rota.Server.Dashboard;

/// <summary>Response headers for dashboard pages: nothing loads from elsewhere (CSP <c>default-src 'self'</c>), the pages
/// cannot be framed (so a confirmation button cannot be click-jacked), and no referrer or MIME sniffing leaks.
/// Inline style attributes are allowed for the server-rendered progress width; scripts only from Rota.</summary>
public static class DashboardHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static bool AppliesTo(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz") && !path.StartsWithSegments("/metrics");

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}

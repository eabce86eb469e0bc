namespace Rota.Server.Hosting;

/// <summary>Settings of the HTTP host. Defaults in the comments.</summary>
public sealed class RotaServerOptions
{
    /// <summary>Where to listen (default <c>http://localhost:5080</c>; <c>http://127.0.0.1:0</c> picks a free port).</summary>
    public string Urls { get; set; } = "http://localhost:5080";
    /// <summary>Allow admins to create <c>command</c> tasks through the API (default false: command tasks come only from
    /// configuration files).</summary>
    public bool AllowCommandTasks { get; set; }
    /// <summary>Largest request body accepted (default 1 MiB); larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Run-now and trigger requests allowed per token per minute (default 60); more get 429 with Retry-After.</summary>
    public int TriggerPermitsPerMinute { get; set; } = 60;
    /// <summary>On-demand seed-002 runs (sync/analyze/pipeline) allowed per user per hour (default 5).</summary>
    public int OnDemandPermitsPerHour { get; set; } = 5;
    /// <summary>Seed 002's on-demand actions and the task each runs (defaults: sync → <c>sync</c>, analyze → <c>analyze</c>,
    /// pipeline → <c>pipeline</c>). The task receives <c>backfill_days</c> / <c>batch_size</c> as run parameters.</summary>
    public Dictionary<string, string> OnDemandTasks { get; } = new(StringComparer.Ordinal)
    {
        ["sync"] = "sync",
        ["analyze"] = "analyze",
        ["pipeline"] = "pipeline",
    };
    /// <summary>Require a bearer token on <c>/metrics</c> (default false: anonymous, as Prometheus scrapers expect; put it
    /// behind a firewall or set this and give Prometheus a token).</summary>
    public bool MetricsRequireToken { get; set; }
    /// <summary>How long a found API token is remembered (default zero: the store is read on every request, so a token
    /// revoked anywhere — another node, <c>rota token revoke --db</c> — is refused on the next request; <c>rota serve</c>:
    /// <c>ROTA_TOKEN_CACHE=2s</c>). When set, a token revoked or a user changed through this server is still refused at
    /// once, elsewhere within this time; expiry is checked on every request either way.</summary>
    public TimeSpan TokenCacheTtl { get; set; } = TimeSpan.Zero;
}

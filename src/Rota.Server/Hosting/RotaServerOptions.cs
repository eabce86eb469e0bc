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
    /// <summary>How long a found API token is remembered. Default null, automatic: on a store that announces token and
    /// user changes (PostgreSQL with notifications on) tokens are remembered while this server listens for them, so a
    /// revocation made anywhere — another node, <c>rota token revoke --db</c>, manual SQL — is refused on the next request
    /// after its notification; elsewhere (SQLite, notifications off, listener down) the store is read on every request.
    /// Zero turns the cache off (<c>rota serve</c>: <c>ROTA_TOKEN_CACHE=0</c>); a positive time (<c>ROTA_TOKEN_CACHE=2s</c>)
    /// remembers tokens that long even when changes are not announced, which then take effect within it (changes made
    /// through this server at once). Expiry is checked on every request either way.</summary>
    public TimeSpan? TokenCacheTtl { get; set; }
    /// <summary>API reads (<c>GET /api/v1/…</c> but the event stream) that run at once; more wait in arrival order
    /// (default 4 per processor; 0 = no limit; <c>rota serve</c>: <c>ROTA_API_READ_CONCURRENCY</c>). Keeps tail latency
    /// close to the median when the server is saturated.</summary>
    public int MaxConcurrentApiReads { get; set; } = 4 * Environment.ProcessorCount;
}

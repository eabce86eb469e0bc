namespace Rota.Alerts;

/// <summary>How alerts are evaluated and delivered (rules and channels come from the alert configuration).</summary>
public sealed class AlertOptions
{
    /// <summary>How often time-based rules are evaluated and the stored configuration re-read. Default 30 s.
    /// <see cref="Timeout.InfiniteTimeSpan"/>: never by itself (a caller drives <see cref="Alerter.EvaluateAsync"/>).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per delivery before it is recorded failed. Default 3.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Wait after the first failed try; doubles after each (2 s, 4 s, …). Default 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-try timeout of an SMTP session or webhook request. Default 15 s.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Webhook and Slack URLs may point at 127.0.0.1 (local testing); other private addresses stay refused. Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Webhook and Slack URLs may point at any private address (an internal chat server). Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The wait before try <paramref name="attempt"/> + 1 (exponential: RetryDelay × 2^(attempt-1)).</summary>
    public TimeSpan Backoff(int attempt) => RetryDelay * Math.Pow(2, attempt - 1);
}

namespace Rota.Alerts;

/// <summary>Where alert messages go. <c>Type</c> is <c>email</c>, <c>webhook</c> or <c>slack</c>; only that type's
/// fields are set. Secrets are best given as <c>*_env</c> (the name of an environment variable read at send time)
/// so they are neither in the file nor in the store.</summary>
public sealed record AlertChannelConfig
{
    public required string Name { get; init; }
    public required string Type { get; init; }

    // email
    public string? Host { get; init; }
    /// <summary>Default 25 (none), 587 (starttls) or 465 (ssl).</summary>
    public int? Port { get; init; }
    /// <summary><c>none</c>, <c>starttls</c> (default) or <c>ssl</c>.</summary>
    public string? Security { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? PasswordEnv { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    /// <summary>PEM file of the CA certificate(s) to trust for this server besides the system's (a private CA);
    /// the host name is still checked.</summary>
    public string? CaFile { get; init; }

    // webhook and slack
    public string? Url { get; init; }
    /// <summary>Webhook only: the HMAC-SHA256 key for <c>X-Rota-Signature</c>.</summary>
    public string? Secret { get; init; }
    public string? SecretEnv { get; init; }
    /// <summary>Webhook only: extra request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The password, from the environment when <see cref="PasswordEnv"/> is set.</summary>
    public string? ResolvePassword() => PasswordEnv is { } env ? Environment.GetEnvironmentVariable(env) : Password;

    /// <summary>The webhook secret, from the environment when <see cref="SecretEnv"/> is set.</summary>
    public string? ResolveSecret() => SecretEnv is { } env ? Environment.GetEnvironmentVariable(env) : Secret;

    /// <summary>A copy safe to show through the API: literal secrets replaced by <c>***</c>.</summary>
    public AlertChannelConfig Redacted() => this with
    {
        Password = Password is null ? null : "***",
        Secret = Secret is null ? null : "***",
        Url = Type == "slack" && Url is not null ? RedactPath(Url) : Url,
    };

    // A Slack incoming-webhook URL is itself the credential: keep scheme and host only.
    private static string RedactPath(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}/***" : "***";
}

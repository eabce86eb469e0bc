namespace Rota.Alerts;

/// <summary>The <c>alerts:</c> section of rota.yaml: named channels and the rules that use them.</summary>
public sealed record AlertConfig(IReadOnlyList<AlertChannelConfig> Channels, IReadOnlyList<AlertRule> Rules)
{
    public static AlertConfig Empty { get; } = new([], []);

    public AlertChannelConfig? Channel(string name) => Channels.FirstOrDefault(c => c.Name == name);

    /// <summary>A copy safe to show through the API (see <see cref="AlertChannelConfig.Redacted"/>).</summary>
    public AlertConfig Redacted() => this with { Channels = [.. Channels.Select(c => c.Redacted())] };
}

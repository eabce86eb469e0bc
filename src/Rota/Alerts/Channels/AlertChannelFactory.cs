namespace Rota.Alerts.Channels;

/// <summary>Builds the sender for a configured channel; webhook and Slack share one guarded HTTP client.</summary>
public sealed class AlertChannelFactory(HttpClient http, TimeProvider time, TimeSpan timeout)
{
    public IAlertChannel Create(AlertChannelConfig config) => config.Type switch
    {
        "email" => new EmailAlertChannel(config, timeout),
        "webhook" => new WebhookAlertChannel(config, http, time),
        "slack" => new SlackAlertChannel(config, http),
        _ => throw new RotaException("alert.unknown_channel_type", $"alerts: channel '{config.Name}' has unknown type '{config.Type}'"),
    };
}

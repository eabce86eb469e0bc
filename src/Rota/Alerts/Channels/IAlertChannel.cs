namespace Rota.Alerts.Channels;

/// <summary>Sends one message; throws <see cref="AlertChannelException"/> (or a network error) when it was not accepted.</summary>
public interface IAlertChannel
{
    Task SendAsync(AlertMessage message, CancellationToken ct);
}

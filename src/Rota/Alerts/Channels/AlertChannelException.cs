namespace Rota.Alerts.Channels;

/// <summary>A channel refused or could not take a message (<c>alert.channel_failed</c>, transient: it is retried).</summary>
public sealed class AlertChannelException(string message, Exception? inner = null)
    : RotaException("alert.channel_failed", message, isTransient: true, inner: inner);

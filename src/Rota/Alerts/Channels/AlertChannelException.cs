namespace Rota.Alerts.Channels;

/// <summary>A channel refused or could not take a message: by default <c>alert.channel_failed</c>, transient (it is
/// retried); causes that retrying cannot fix (<see cref="AlertChannelErrors"/>) carry their own code and are not.</summary>
public sealed class AlertChannelException(string message, Exception? inner = null, string code = AlertChannelErrors.Failed, bool isTransient = true)
    : RotaException(code, message, isTransient: isTransient, inner: inner);

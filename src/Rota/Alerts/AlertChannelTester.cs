using System.Net;
using Microsoft.Extensions.Logging;
using Rota.Alerts.Channels;
using Rota.Configuration;
using Rota.Net;
using Rota.Storage;

namespace Rota.Alerts;

/// <summary>Sends a test message through one channel of the stored alert configuration and waits for the recorded
/// outcome — what <c>rota alert test</c> and <c>POST /api/v1/alerts/channels/{name}/test</c> do. Needs no engine.</summary>
public sealed class AlertChannelTester : IDisposable
{
    private readonly IRotaStore _store;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly AlertSender _sender;

    public AlertChannelTester(IRotaStore store, AlertOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _time = time;
        _http = CreateHttpClient(options);
        _sender = new AlertSender(store, new AlertChannelFactory(_http, time, options.SendTimeout), options, time, logger);
    }

    /// <summary>An HTTP client whose every connection passes the SSRF guard (loopback or private networks only when allowed).</summary>
    public static HttpClient CreateHttpClient(AlertOptions options)
    {
        var guard = options.AllowPrivateNetworks ? OutboundAddressGuard.AllowAll
            : new OutboundAddressGuard(false, options.AllowLoopback ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : null);
        return new HttpClient(GuardedHttpHandlerFactory.Create(guard)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <param name="node">Named in the message (which node sent it).</param>
    public async Task<AlertDeliveryRow> SendAsync(string channel, string node, CancellationToken ct = default)
    {
        var row = await _store.AlertConfigGet(ct).ConfigureAwait(false);
        var config = row is null ? AlertConfig.Empty : ConfigLoader.ParseAlerts(row.Document, "stored alert configuration");
        var target = config.Channel(channel)
            ?? throw new RotaException("alert_channel.not_found", $"alerts: no channel named '{channel}'; configured: {(config.Channels.Count == 0 ? "none" : string.Join(", ", config.Channels.Select(c => c.Name)))}");
        var now = _time.GetUtcNow();
        var values = new Dictionary<string, string>
        {
            ["rule"] = "test", ["kind"] = "test", ["state"] = AlertDeliveryValues.Test, ["title"] = $"Test message for channel {channel}",
            ["details"] = $"This is a test message sent through channel '{channel}' by node {node}. If you can read it, the channel works.",
            ["time"] = AlertWording.Time(now), ["system"] = "Rota", ["advice"] = "the alert deliveries", ["subject_key"] = channel, ["node"] = node,
        };
        var message = new AlertMessage("test", channel, AlertDeliveryValues.Test, AlertText.Render(AlertDefaults.Subject, values),
            AlertText.Render(AlertDefaults.Body, values), values, now);
        return await _sender.SendNowAsync(target, message, ct).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}

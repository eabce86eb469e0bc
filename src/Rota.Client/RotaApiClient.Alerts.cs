using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    /// <summary>The alert configuration with each rule's current state (admins only).</summary>
    public Task<AlertOverview> GetAlertsAsync(CancellationToken ct = default) => GetAsync<AlertOverview>("alerts", ct);

    /// <summary>Replaces the alert configuration (the <c>alerts:</c> section of rota.yaml, as JSON); every validation
    /// error comes back in the problem's <c>errors</c>. Admins only.</summary>
    public Task<AlertOverview> ReplaceAlertsAsync(JsonObject config, CancellationToken ct = default) =>
        SendJsonAsync<AlertOverview>(HttpMethod.Put, "alerts", config, ct);

    /// <summary>Recorded deliveries, newest first (admins only).</summary>
    public async Task<IReadOnlyList<AlertDeliveryInfo>> ListAlertDeliveriesAsync(string? rule = null, string? channel = null, string? status = null, int? limit = null,
        CancellationToken ct = default) =>
        (await GetAsync<AlertDeliveryList>(Query("alerts/deliveries", ("rule", rule), ("channel", channel), ("status", status),
            ("limit", limit?.ToString(CultureInfo.InvariantCulture))), ct)).Deliveries;

    /// <summary>Sends a test message through a configured channel and returns the delivery (status sent or failed).</summary>
    public Task<AlertDeliveryInfo> TestAlertChannelAsync(string channel, CancellationToken ct = default) =>
        SendJsonAsync<AlertDeliveryInfo>(HttpMethod.Post, $"alerts/channels/{Escape(channel)}/test", null, ct);

    private sealed record AlertDeliveryList(IReadOnlyList<AlertDeliveryInfo> Deliveries);
}

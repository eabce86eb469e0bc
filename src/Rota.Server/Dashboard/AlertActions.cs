using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Alerts;
using Rota.Configuration;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's alerts page (admins only, like <c>/api/v1/alerts</c>): the configuration with secrets redacted
/// the API's way, each rule's states, the delivery log, and a test-send through one channel, audited as the API does.</summary>
public sealed class AlertActions(IRotaStore store, Alerter alerter, Auditor audit)
{
    public const string TestChannel = "alert-test";

    /// <summary>The stored configuration with literal secrets replaced (<see cref="AlertConfig.Redacted"/>), or the empty one.</summary>
    public async Task<(AlertConfig Config, DateTimeOffset? UpdatedAt)> ConfigAsync(CancellationToken ct)
    {
        var row = await store.AlertConfigGet(ct);
        var config = row is null ? AlertConfig.Empty : ConfigLoader.ParseAlerts(row.Document, "stored alert configuration");
        return (config.Redacted(), row?.UpdatedAt);
    }

    public Task<IReadOnlyList<AlertStateRow>> StatesAsync(CancellationToken ct) => store.AlertStateList(new AlertStateListParams(Limit: 10_000), ct);

    /// <summary>One page of deliveries, newest first; the store lists by limit, so the page is cut from a longer list.
    /// <c>More</c> says whether an older page exists.</summary>
    public async Task<(IReadOnlyList<AlertDeliveryRow> Rows, bool More)> DeliveriesAsync(string? rule, string? channel, string? status, int page, int size, CancellationToken ct)
    {
        var all = await store.AlertDeliveryList(new AlertDeliveryListParams(rule, channel, status, Math.Min(1000, (page + 1) * size + 1)), ct);
        return (all.Skip(page * size).Take(size).ToList(), all.Count > (page + 1) * size);
    }

    /// <summary>Sends a test message through a configured channel and says how the delivery went.</summary>
    public async Task<ActionOutcome> TestAsync(HttpContext http, string channel)
    {
        if (!http.Caller().IsAdmin) return new ActionOutcome("/", null, "Only admins may test alert channels.");
        var (config, _) = await ConfigAsync(http.RequestAborted);
        if (config.Channel(channel) is null) return new ActionOutcome("/alerts", null, $"There is no alert channel '{channel}'.");
        var delivery = await alerter.TestChannelAsync(channel, http.RequestAborted);
        await audit.RecordAsync(http, "alerts.test", "alert_channel:" + channel, new JsonObject { ["status"] = delivery.Status, ["via"] = "dashboard" });
        var page = "/alerts?channel=" + Uri.EscapeDataString(channel);
        var id = delivery.Id.ToString(CultureInfo.InvariantCulture);
        return delivery.Status == AlertDeliveryValues.Sent
            ? new ActionOutcome(page, $"Test delivery #{id} to '{channel}' sent.", null)
            : new ActionOutcome(page, null, $"Test delivery #{id} to '{channel}' {delivery.Status}: {delivery.LastError ?? "no error recorded"}");
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Alerts;
using Rota.Cli.Commands;
using Rota.Client.Models;
using Rota.Configuration;
using Rota.Storage;

namespace Rota.Cli.Backends;

public sealed partial class LocalBackend
{
    public async Task<AlertOverview> GetAlertsAsync(CancellationToken ct)
    {
        var row = await store.AlertConfigGet(ct);
        var config = row is null ? AlertConfig.Empty : ConfigLoader.ParseAlerts(row.Document, "stored alert configuration");
        var states = await store.AlertStateList(new AlertStateListParams(Limit: 10_000), ct);
        var json = AlertConfigJson.ToJson(config.Redacted());
        var channels = json["channels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.AsObject());
        var rules = config.Rules.Select(r =>
        {
            var mine = states.Where(s => s.Rule == r.Name).Select(s => new AlertStateInfo(s.SubjectKey, s.Status, s.Since, s.LastSentAt, s.Count)).ToList();
            return new AlertRuleInfo(r.Name, AlertKindNames.Name(r.Kind), r.Channels, r.Enabled, r.Task, r.Tags, r.Count,
                r.Duration is { } d ? DurationText.Format(d) : null, r.Repeat is { } rep ? DurationText.Format(rep) : null,
                mine.Count(s => s.Status == AlertStateStatus.Firing), mine, r.Stat, r.Min, r.Max);
        }).ToList();
        return new AlertOverview(channels, rules, row?.UpdatedAt);
    }

    public async Task<IReadOnlyList<AlertDeliveryInfo>> ListAlertDeliveriesAsync(string? rule, string? channel, string? status, int limit, CancellationToken ct) =>
        (await store.AlertDeliveryList(new AlertDeliveryListParams(rule, channel, status, limit), ct)).Select(Delivery).ToList();

    public async Task<AlertDeliveryInfo> TestAlertChannelAsync(string channel, CancellationToken ct)
    {
        var options = new AlertOptions
        {
            AllowLoopback = ServeCommand.EnvTrue("ROTA_ALERTS_ALLOW_LOOPBACK"),
            AllowPrivateNetworks = ServeCommand.EnvTrue("ROTA_ALERTS_ALLOW_PRIVATE_NETWORKS"),
        };
        using var tester = new AlertChannelTester(store, options, time, NullLogger.Instance);
        return Delivery(await tester.SendAsync(channel, "cli@" + Environment.MachineName, ct));
    }

    private static AlertDeliveryInfo Delivery(AlertDeliveryRow d) =>
        new(d.Id, d.Rule, d.Channel, d.SubjectKey, d.Kind, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.SentAt, d.Summary);
}

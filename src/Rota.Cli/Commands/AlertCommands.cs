using System.CommandLine;
using System.Globalization;
using Rota.Client.Models;

namespace Rota.Cli.Commands;

/// <summary><c>rota alert list | deliveries | test</c>: the alert rules and their state, the delivery log, and a
/// test message through one channel (exit 1 when it could not be delivered).</summary>
public static class AlertCommands
{
    public static Command Create(CliContext ctx)
    {
        var alert = new Command("alert", "Show alert rules and deliveries, test a channel (configure them under 'alerts:' in rota.yaml)");
        alert.Subcommands.Add(List(ctx));
        alert.Subcommands.Add(Deliveries(ctx));
        alert.Subcommands.Add(Test(ctx));
        return alert;
    }

    private static Command List(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List alert rules with their channels and what is firing now") { json };
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var alerts = await backend.GetAlertsAsync(ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, alerts); return ExitCodes.Ok; }
            if (alerts.Rules.Count == 0) { ctx.Out.WriteLine("alert: no rules configured (add an 'alerts:' section to rota.yaml and run 'rota apply')"); return ExitCodes.Ok; }
            CliOutput.WriteTable(ctx.Out, ["Rule", "Kind", "Channels", "Firing", "Subjects"], alerts.Rules.Select(r => new[]
            {
                r.Enabled == false ? r.Name + " (disabled)" : r.Name,
                r.Stat is { } stat ? $"{r.Kind} ({r.Task}: {stat} in {Rota.Alerts.StatRange.Text(r.Min, r.Max)})" : r.Kind, string.Join(", ", r.Channels),
                r.Firing.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", r.States.Where(s => s.Status == "firing").Select(s => $"{s.SubjectKey} since {CliOutput.When(s.Since)}")),
            }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Deliveries(CliContext ctx)
    {
        var rule = new Option<string?>("--rule") { Description = "Only this rule" };
        var channel = new Option<string?>("--channel") { Description = "Only this channel" };
        var status = new Option<string?>("--status") { Description = "pending, sent or failed" };
        status.AcceptOnlyFromAmong("pending", "sent", "failed");
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000)", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var cmd = new Command("deliveries", "List alert deliveries, newest first") { rule, channel, status, limit, json };
        cmd.SetAction(async (p, ct) =>
        {
            if (p.GetValue(limit) is < 1 or > 1000) throw new RotaException("cli.bad_limit", $"alert: --limit must be between 1 and 1000 (value: {p.GetValue(limit)})");
            await using var backend = await ctx.OpenBackendAsync(p);
            var rows = await backend.ListAlertDeliveriesAsync(p.GetValue(rule), p.GetValue(channel), p.GetValue(status), p.GetValue(limit), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, rows);
            else CliOutput.WriteTable(ctx.Out, ["Id", "Created", "Rule", "Channel", "Kind", "Status", "Tries", "Subject", "Error"], rows.Select(Row));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Test(CliContext ctx)
    {
        var channel = new Argument<string>("channel") { Description = "A channel name from the alerts configuration" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var cmd = new Command("test", "Send a test message through a channel and print the delivery (exit 1 when it failed)") { channel, json };
        cmd.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var d = await backend.TestAlertChannelAsync(p.GetValue(channel)!, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, d);
            else if (d.Status == "sent") ctx.Out.WriteLine($"alert: test message sent through channel '{d.Channel}' (delivery {d.Id}, {d.Attempts} try/tries)");
            else ctx.Error.WriteLine($"alert: test message through channel '{d.Channel}' failed after {d.Attempts} tries (delivery {d.Id}): {d.LastError}");
            return d.Status == "sent" ? ExitCodes.Ok : ExitCodes.RuntimeError;
        });
        return cmd;
    }

    private static string?[] Row(AlertDeliveryInfo d) =>
    [
        d.Id.ToString(CultureInfo.InvariantCulture), CliOutput.When(d.CreatedAt), d.Rule, d.Channel, d.Kind, d.Status,
        d.Attempts.ToString(CultureInfo.InvariantCulture), d.Summary, d.LastError ?? "",
    ];
}

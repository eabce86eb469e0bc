using System.CommandLine;
using System.Globalization;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota node list</c>: the nodes serving this store, their role, heartbeat age and running work.</summary>
public static class NodeCommands
{
    public static Command Create(CliContext ctx)
    {
        var node = new Command("node", "Show the nodes serving this store");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List nodes with their role (leader/follower), heartbeat age, running runs and start") { json };
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var now = ctx.Time.GetUtcNow();
            var views = await backend.ListNodesAsync(now, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, views);
            else CliOutput.WriteTable(ctx.Out, ["Node", "Role", "Heartbeat", "Running", "Started", "Version"],
                views.Select(v => new[]
                {
                    v.Name, v.Role, CliOutput.Rough(now - v.HeartbeatAt) + " ago",
                    v.Running.ToString(CultureInfo.InvariantCulture), CliOutput.When(v.StartedAt), v.Version,
                }));
            return ExitCodes.Ok;
        });
        node.Subcommands.Add(list);
        return node;
    }

    /// <summary>When an election has taken place the leader row decides the role (a node that died as leader shows
    /// as follower once its lease ran out); a single node that never held an election reports its own role.</summary>
    public static IReadOnlyList<NodeView> View(IReadOnlyList<NodeRow> nodes, LeaderState leader, DateTimeOffset now) =>
        nodes.Select(n => new NodeView(
            n.Name,
            leader.Holder is null ? n.Role : leader.Holder == n.Name && leader.LeaseUntil >= now ? "leader" : "follower",
            n.HeartbeatAt,
            Math.Round(Math.Max(0, (now - n.HeartbeatAt).TotalSeconds), 1),
            n.Running,
            n.StartedAt,
            n.Version)).ToList();
}

using System.Text.Json.Nodes;
using Rota.Storage;
using Rota.Storage.Sqlite;

namespace Rota.Cli.Tests;

/// <summary><c>rota node list</c> over a store where nodes registered and one holds the leadership.</summary>
public sealed class CliNodeTests
{
    [Fact]
    public async Task NodeListJson_ShowsRoleHeartbeatAgeRunningAndStart()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.Run("migrate", "up")).Exit);
        var now = TimeProvider.System.GetUtcNow();
        await using (var store = await SqliteStore.OpenAsync(cli.Db))
        {
            await store.NodeRegister(new NodeRegisterParams("node-a", "1.2.3", now.AddMinutes(-5)));
            await store.NodeRegister(new NodeRegisterParams("node-b", "1.2.3", now.AddMinutes(-1)));
            await store.NodeHeartbeat(new NodeHeartbeatParams("node-a", "leader", 2, now.AddSeconds(-4)));
            await store.NodeHeartbeat(new NodeHeartbeatParams("node-b", "follower", 0, now.AddSeconds(-2)));
            Assert.True((await store.LeaderAcquireOrRenew(new LeaderAcquireParams("node-a", now.AddSeconds(-4), now.AddMinutes(1)))).IsLeader);
        }

        var (exit, output, err) = await cli.Run("node", "list", "--json");
        Assert.True(exit == 0, err);
        var nodes = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["node-a", "node-b"], nodes.Select(n => n!["name"]!.GetValue<string>()));
        Assert.Equal(["leader", "follower"], nodes.Select(n => n!["role"]!.GetValue<string>()));
        Assert.Equal([2, 0], nodes.Select(n => n!["running"]!.GetValue<int>()));
        Assert.InRange(nodes[0]!["heartbeat_age_seconds"]!.GetValue<double>(), 3.5, 60);
        Assert.EndsWith("Z", nodes[0]!["started_at"]!.GetValue<string>());
        Assert.Equal("1.2.3", nodes[1]!["version"]!.GetValue<string>());

        var table = await cli.Run("node", "list");
        Assert.Equal(0, table.Exit);
        Assert.Contains("node-a", table.Out);
        Assert.Contains("leader", table.Out);
    }

    [Fact]
    public async Task NodeList_LeaderLeaseExpired_ShowsFormerLeaderAsFollower()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.Run("migrate", "up")).Exit);
        var now = TimeProvider.System.GetUtcNow();
        await using (var store = await SqliteStore.OpenAsync(cli.Db))
        {
            await store.NodeRegister(new NodeRegisterParams("gone", "1", now.AddMinutes(-5)));
            await store.NodeHeartbeat(new NodeHeartbeatParams("gone", "leader", 1, now.AddMinutes(-2)));
            await store.LeaderAcquireOrRenew(new LeaderAcquireParams("gone", now.AddMinutes(-2), now.AddMinutes(-1)));
        }
        var nodes = JsonNode.Parse((await cli.Run("node", "list", "--json")).Out)!.AsArray();
        Assert.Equal("follower", Assert.Single(nodes)!["role"]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;

namespace Rota.Cli.Tests;

/// <summary>The CLI against a served instance (<c>--server URL --token T</c>): real processes on both sides.</summary>
public sealed class RemoteCliTests(ServedRota served) : IClassFixture<ServedRota>
{
    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    [Fact]
    public async Task TaskListShowRun_ThroughTheServer_PrintTheLocalShapes()
    {
        using var cli = new CliRunner();
        var list = await cli.Exec(served.Remote(null, "task", "list", "--json"));
        Assert.True(list.Exit == 0, list.Err);
        var toggled = Json(list.Out).AsArray().Single(t => t!["name"]!.GetValue<string>() == "toggled")!;
        Assert.Equal("0 3 * * *", toggled["schedules"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("cron:0 3 * * *", toggled["schedules"]![0]!["spec"]!.GetValue<string>());

        var table = await cli.Exec(served.Remote(null, "task", "list"));
        Assert.Contains("toggled", table.Out);

        var show = await cli.Exec(served.Remote(null, "task", "show", "toggled"));
        Assert.True(show.Exit == 0, show.Err);
        Assert.Contains("toggled  (noop, queue default", show.Out);
        Assert.Contains("schedule default: 0 3 * * * [UTC]", show.Out);
        var showJson = Json((await cli.Exec(served.Remote(null, "task", "show", "toggled", "--json"))).Out);
        Assert.Equal("toggled", showJson["task"]!["name"]!.GetValue<string>());

        var run = await cli.Exec(served.Remote(null, "task", "run", "ok", "--wait", "--json"));
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal("succeeded", Json(run.Out)["status"]!.GetValue<string>());

        var missing = await cli.Exec(served.Remote(null, "task", "show", "no-such-task"));
        Assert.Equal(3, missing.Exit);
        Assert.Contains("error[task.not_found]", missing.Err);
    }

    [Fact]
    public async Task TaskDisableEnable_ThroughTheServer_TogglesTheTask()
    {
        using var cli = new CliRunner();
        var disable = await cli.Exec(served.Remote(null, "task", "disable", "toggled", "--reason", "maintenance"));
        Assert.True(disable.Exit == 0, disable.Err);
        var shown = Json((await cli.Exec(served.Remote(null, "task", "show", "toggled", "--json"))).Out)["task"]!;
        Assert.False(shown["enabled"]!.GetValue<bool>());
        Assert.Equal("maintenance", shown["paused_reason"]!.GetValue<string>());

        var enable = await cli.Exec(served.Remote(null, "task", "enable", "toggled"));
        Assert.True(enable.Exit == 0, enable.Err);
        Assert.True(Json((await cli.Exec(served.Remote(null, "task", "show", "toggled", "--json"))).Out)["task"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RunListShowLogs_ThroughTheServer_ShowTheRunAndItsOutput()
    {
        using var cli = new CliRunner();
        var run = await cli.Exec(served.Remote(null, "task", "run", "echo", "--wait", "--json"));
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var id = Json(run.Out)["id"]!.GetValue<long>();

        var list = Json((await cli.Exec(served.Remote(null, "run", "list", "--task", "echo", "--json"))).Out);
        Assert.Contains(list["runs"]!.AsArray(), r => r!["id"]!.GetValue<long>() == id && r["status"]!.GetValue<string>() == "succeeded");

        var show = await cli.Exec(served.Remote(null, "run", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"));
        Assert.True(show.Exit == 0, show.Err);
        var detail = Json(show.Out);
        Assert.Equal("echo", detail["run"]!["task"]!.GetValue<string>());
        Assert.Single(detail["attempts"]!.AsArray());

        var logs = await cli.Exec(served.Remote(null, "run", "logs", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(logs.Exit == 0, logs.Err);
        Assert.Contains("hello-from-echo", logs.Out);

        var missing = await cli.Exec(served.Remote(null, "run", "show", "999999"));
        Assert.Equal(3, missing.Exit);
        Assert.Contains("error[run.not_found]", missing.Err);
    }

    [Fact]
    public async Task RunCancel_ThroughTheServer_StopsTheRun()
    {
        using var cli = new CliRunner();
        var run = await cli.Exec(served.Remote(null, "task", "run", "slow", "--json"));
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var id = Json(run.Out)["run_id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The server answers an overlap skip with 409; the CLI reports it as locally: a skipped run, exit 6.
        var skipped = await cli.Exec(served.Remote(null, "task", "run", "slow"));
        Assert.True(skipped.Exit == ExitCodes.RunCancelled, skipped.Out + skipped.Err);
        Assert.Contains("skipped", skipped.Out);
        Assert.Contains($"(active run {id})", skipped.Out);

        var cancel = await cli.Exec(served.Remote(null, "run", "cancel", id, "--reason", "test"));
        Assert.True(cancel.Exit == 0, cancel.Out + cancel.Err);
        Assert.Matches("cancelled|cancellation requested", cancel.Out);

        var status = "";
        for (var i = 0; i < 100 && status != "cancelled"; i++)
        {
            status = Json((await cli.Exec(served.Remote(null, "run", "show", id, "--json"))).Out)["run"]!["status"]!.GetValue<string>();
            if (status != "cancelled") await Task.Delay(200);
        }
        Assert.Equal("cancelled", status);

        var again = await cli.Exec(served.Remote(null, "run", "cancel", id));
        Assert.Equal(1, again.Exit);
        Assert.Contains("already finished (cancelled)", again.Out);
    }

    [Fact]
    public async Task TokenCreateListRevoke_RevokedTokenGetsTheAuthExitCode()
    {
        using var cli = new CliRunner();
        var created = await cli.Exec(served.Remote(null, "token", "create", "--name", "revoke-me", "--expires-in-days", "7", "--json"));
        Assert.True(created.Exit == 0, created.Err);
        var token = Json(created.Out);
        var secret = token["token"]!.GetValue<string>();
        var id = token["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("rota_", secret);
        Assert.NotNull(token["expires_at"]!.GetValue<string>());

        Assert.Equal(0, (await cli.Exec(served.Remote(secret, "task", "list"))).Exit);
        var listed = Json((await cli.Exec(served.Remote(null, "token", "list", "--json"))).Out).AsArray();
        Assert.Contains(listed, t => t!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture) == id && t["token"] is null);

        var revoke = await cli.Exec(served.Remote(null, "token", "revoke", id));
        Assert.True(revoke.Exit == 0, revoke.Err);
        var refused = await cli.Exec(served.Remote(secret, "task", "list"));
        Assert.Equal(ExitCodes.AuthFailed, refused.Exit);
        Assert.Contains("error[auth.token_revoked]", refused.Err);
    }

    [Fact]
    public async Task UserCreate_ThroughTheServer_AdminOnly()
    {
        using var cli = new CliRunner();
        var user = await cli.Exec(served.Remote(null, "user", "create", "remote-carol", "--role", "user", "--json"));
        Assert.True(user.Exit == 0, user.Err);
        Assert.Equal("user", Json(user.Out)["role"]!.GetValue<string>());

        var twice = await cli.Exec(served.Remote(null, "user", "create", "remote-carol"));
        Assert.Equal(1, twice.Exit);
        Assert.Contains("error[user.exists]", twice.Err);

        var carolToken = Json((await cli.Exec(served.Remote(null, "token", "create", "--user", "remote-carol", "--json"))).Out)["token"]!.GetValue<string>();
        var forbidden = await cli.Exec(served.Remote(carolToken, "user", "create", "remote-eve"));
        Assert.Equal(ExitCodes.AuthFailed, forbidden.Exit);
        Assert.Contains("error[auth.forbidden]", forbidden.Err);

        // ROTA_SERVER / ROTA_TOKEN stand in for the flags; carol sees none of the admin's tasks.
        cli.Env["ROTA_SERVER"] = served.Url;
        cli.Env["ROTA_TOKEN"] = carolToken;
        var carolTasks = await cli.Exec("task", "list", "--json");
        Assert.True(carolTasks.Exit == 0, carolTasks.Err);
        Assert.Empty(Json(carolTasks.Out).AsArray());
    }

    [Fact]
    public async Task Remote_UnreachableServer_IsClientUnreachableNamingTheUrl()
    {
        using var cli = new CliRunner();
        var r = await cli.Exec("--server", "http://127.0.0.1:9", "--token", "rota_x", "task", "list");
        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Contains("error[client.unreachable]", r.Err);
        Assert.Contains("http://127.0.0.1:9", r.Err);

        var bad = await cli.Run("--server", "ftp://example.org", "task", "list");
        Assert.Equal(ExitCodes.InvalidInput, bad.Exit);
        Assert.Contains("error[client.bad_url]", bad.Err);
    }
}

using System.Text.Json.Nodes;
using Rota.Server.Auth;
using Rota.Storage.Sqlite;

namespace Rota.Cli.Tests;

/// <summary><c>rota user create</c> and <c>rota token create</c> without a server work on the store, so an operator can
/// get back in; the token they print then works against a served instance of that database.</summary>
public sealed class DirectAccountTests
{
    [Fact]
    public async Task UserAndTokenCreatedOnTheStore_AuthenticateAgainstServe()
    {
        await using var served = new ServedRota();
        using var cli = new CliRunner();
        File.WriteAllText(Path.Combine(served.Dir, "rota.yaml"), ServedRota.Config);

        var user = await cli.Exec("user", "create", "ops", "--role", "admin", "--db", served.Db);
        Assert.True(user.Exit == 0, user.Out + user.Err);
        Assert.Contains("user: created 'ops' (admin", user.Out);
        var created = await cli.Exec("token", "create", "--user", "ops", "--name", "recovery", "--db", served.Db);
        Assert.True(created.Exit == 0, created.Err);
        var secret = System.Text.RegularExpressions.Regex.Match(created.Out, @"rota_\w+").Value;
        Assert.NotEmpty(secret);
        var missingUser = await cli.Exec("token", "create", "--user", "nobody", "--db", served.Db);
        Assert.Equal(ExitCodes.NotFound, missingUser.Exit);
        var badName = await cli.Exec("user", "create", "Bad Name", "--db", served.Db);
        Assert.Equal(ExitCodes.InvalidInput, badName.Exit);
        Assert.Contains("error[request.invalid_field]", badName.Err);

        await served.StartAsync(expectAdminToken: false);
        Assert.DoesNotContain("first start", served.Output);
        var list = await cli.Exec(served.Remote(secret, "task", "list", "--json"));
        Assert.True(list.Exit == 0, list.Err);
        Assert.Contains(JsonNode.Parse(list.Out)!.AsArray(), t => t!["name"]!.GetValue<string>() == "echo");

        var tokens = JsonNode.Parse((await cli.Exec("token", "list", "--json", "--db", served.Db)).Out)!.AsArray();
        var id = tokens.Single(t => t!["name"]!.GetValue<string>() == "recovery")!["id"]!.GetValue<long>();
        Assert.Equal(0, (await cli.Exec("token", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", served.Db)).Exit);
        var refused = await cli.Exec(served.Remote(secret, "task", "list"));
        Assert.Equal(ExitCodes.AuthFailed, refused.Exit);
        Assert.Contains("error[auth.token_revoked]", refused.Err);
    }

    [Fact]
    public async Task Postgres_TokenCreatedAndRevokedOnTheStore_ServeRefusesItOnceTheChangeIsAnnounced()
    {
        var connection = Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException("ROTA_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL");
        var schema = "rota_test_" + Guid.NewGuid().ToString("N")[..16];
        string[] store = ["--store", "postgres", "--connection", connection, "--schema", schema];
        try
        {
            await using var served = new ServedRota { StoreArgs = store };
            using var cli = new CliRunner();
            File.WriteAllText(Path.Combine(served.Dir, "rota.yaml"), ServedRota.Config);
            Assert.Equal(0, (await cli.Exec(["migrate", "up", .. store])).Exit);
            Assert.Equal(0, (await cli.Exec(["user", "create", "ops", "--role", "admin", .. store])).Exit);
            var created = await cli.Exec(["token", "create", "--user", "ops", "--name", "recovery", .. store]);
            Assert.True(created.Exit == 0, created.Err);
            var secret = System.Text.RegularExpressions.Regex.Match(created.Out, @"rota_\w+").Value;

            await served.StartAsync(expectAdminToken: false);
            // Served from the token cache (on by default on PostgreSQL) after the first request.
            Assert.Equal(0, (await cli.Exec(served.Remote(secret, "task", "list"))).Exit);
            Assert.Equal(0, (await cli.Exec(served.Remote(secret, "task", "list"))).Exit);

            var tokens = JsonNode.Parse((await cli.Exec(["token", "list", "--json", .. store])).Out)!.AsArray();
            var id = tokens.Single(t => t!["name"]!.GetValue<string>() == "recovery")!["id"]!.GetValue<long>();
            Assert.Equal(0, (await cli.Exec(["token", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), .. store])).Exit);
            // The revocation reaches serve as a notification: refused on the next request after it arrived.
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var after = await cli.Exec(served.Remote(secret, "task", "list"));
                if (after.Exit == ExitCodes.AuthFailed)
                {
                    Assert.Contains("error[auth.token_revoked]", after.Err);
                    break;
                }
                Assert.True(after.Exit == 0, after.Err);
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "serve still accepts the revoked token");
            }
        }
        finally
        {
            await using var c = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
            await c.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task UserCreate_PasswordStdin_StoresTheHashedPasswordAndRefusesShortOnes()
    {
        using var cli = new CliRunner();
        cli.Stdin = "too-short\n";
        var refused = await cli.Exec("user", "create", "pw-user", "--password-stdin", "--db", cli.Db);
        Assert.Equal(ExitCodes.InvalidInput, refused.Exit);
        Assert.Contains("error[request.invalid_field]: password:", refused.Err);

        cli.Stdin = "correct horse battery staple\n";
        var created = await cli.Exec("user", "create", "pw-user", "--password-stdin", "--db", cli.Db);
        Assert.True(created.Exit == 0, created.Err);
        Assert.Contains("with a password", created.Out);
        await using var store = await SqliteStore.OpenAsync(cli.Db);
        var user = await store.UserGet("pw-user");
        Assert.True(UserAccounts.VerifyPassword("correct horse battery staple", user!.PasswordHash));
        Assert.Equal("user", user.Role);
    }
}

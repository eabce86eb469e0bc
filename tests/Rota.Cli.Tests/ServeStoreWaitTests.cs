using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary><c>rota serve</c> on PostgreSQL started while the server is down: it waits and says so, starts when the
/// server answers, and gives up after ROTA_STORE_WAIT when that is set.</summary>
public sealed class ServeStoreWaitTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerDownAtStart_NodeWaits_ThenStartsWhenItAnswers()
    {
        await using var pg = await PostgresServer.CreateAsync();
        await pg.StopAsync();
        using var dir = new TempDirectory();
        using var serve = RotaProcess.Start(dir.Path, new Dictionary<string, string> { ["ROTA_URLS"] = "http://127.0.0.1:0" },
            "serve", "--store", "postgres", "--connection", pg.ConnectionString, "--node", "patient");
        await serve.WaitForOutputAsync("rota: waiting for PostgreSQL", Limit);
        Assert.False(serve.HasExited, serve.Output);

        await pg.StartAsync();
        await serve.WaitForOutputAsync("answers now; starting", Limit);
        await serve.WaitForOutputAsync("rota: serving PostgreSQL", Limit);
        Assert.False(serve.HasExited, serve.Output);
    }

    [Fact]
    public async Task ServerDownAtStart_WithStoreWait_GivesUpNamingTheServer()
    {
        await using var pg = await PostgresServer.CreateAsync();
        await pg.StopAsync();
        using var dir = new TempDirectory();
        using var serve = RotaProcess.Start(dir.Path, new Dictionary<string, string> { ["ROTA_URLS"] = "http://127.0.0.1:0", ["ROTA_STORE_WAIT"] = "2s" },
            "serve", "--store", "postgres", "--connection", pg.ConnectionString);
        var exit = await serve.WaitForExitAsync(Limit);
        Assert.NotEqual(0, exit);
        Assert.Contains("error[store.unavailable]", serve.Output);
        Assert.Contains($"127.0.0.1:{pg.Port}", serve.Output);
        Assert.Contains("within 2s (ROTA_STORE_WAIT)", serve.Output);
    }
}

using Rota.Runs;
using Rota.Storage;
using Rota.Storage.Sqlite;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>`rota serve` as a real child process: it fires schedules, stops gracefully on SIGTERM, refuses a twin.</summary>
public sealed class ServeProcessTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_FiresSchedulesAndStopsGracefullyOnSigterm()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("rota.yaml"), "tasks:\n  - name: tick\n    handler: noop\n    every: 1s\n");
        using var serve = RotaProcess.Start(dir.Path, "serve", "--db", dir.File("rota.db"));
        await serve.WaitForOutputAsync("rota: serving", StartLimit);
        await using (var store = await SqliteStore.OpenAsync(dir.File("rota.db")))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while ((await store.RunList(new RunListParams { TaskName = "tick", Status = RunStatus.Succeeded })).Count < 2)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "two ticks should have run:\n" + serve.Output);
                await Task.Delay(200);
            }
        }
        serve.Signal("TERM");
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("rota: stopped", serve.Output);
    }

    [Fact]
    public async Task Serve_SecondProcessOnTheSameDatabase_IsRefused()
    {
        using var dir = new TempDirectory();
        using var first = RotaProcess.Start(dir.Path, "serve", "--db", dir.File("rota.db"));
        await first.WaitForOutputAsync("rota: serving", StartLimit);
        using var second = RotaProcess.Start(dir.Path, "serve", "--db", dir.File("rota.db"));
        Assert.Equal(1, await second.WaitForExitAsync(StartLimit));
        Assert.Contains("error[serve.locked]", second.Output);
        first.Signal("TERM");
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Serve_InvalidConfig_ExitsWith4BeforeTouchingTheDatabase()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("rota.yaml"), "tasks:\n  - name: x\n    handler: nope\n");
        using var serve = RotaProcess.Start(dir.Path, "serve", "--db", dir.File("rota.db"));
        Assert.Equal(4, await serve.WaitForExitAsync(StartLimit));
        Assert.Contains("tasks[0].handler", serve.Output);
        Assert.False(File.Exists(dir.File("rota.db")));
    }
}

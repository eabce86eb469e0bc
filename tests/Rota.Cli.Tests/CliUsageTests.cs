namespace Rota.Cli.Tests;

/// <summary>The real `rota` process: usage errors exit 2 naming the offending token, help names the program `rota`,
/// and failures are one line with a stable code, never a stack trace.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData("--bogus", "task", "list", "--bogus")]
    [InlineData("--jsn", "run", "list", "--jsn")]
    [InlineData("--zone", "cron", "next", "0 * * * *", "--zone", "UTC")]
    [InlineData("frobnicate", "task", "frobnicate")]
    [InlineData("deploy", "deploy")]
    [InlineData("many", "run", "list", "--limit", "many")]
    public async Task UnknownFlagOrSubcommand_ExitsWith2NamingTheToken(string token, params string[] args)
    {
        using var cli = new CliRunner();
        var (exit, output, err) = await cli.Exec([.. args, "--db", cli.Db]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var first = err.Split('\n')[0];
        Assert.StartsWith("error[cli.usage]: ", first);
        Assert.Contains($"'{token}'", first);
        Assert.DoesNotContain("Required command", err);
        Assert.EndsWith("Run 'rota --help' for usage.\n", err);
        Assert.False(File.Exists(cli.Db), "a usage error must not create the database");
    }

    [Fact]
    public async Task MissingSubcommand_ExitsWith2ListingTheChoices()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = await cli.Exec("task");
        Assert.Equal(2, exit);
        Assert.StartsWith("error[cli.usage]: rota task: a command is required: one of list, show, run, enable, disable, delete\n", err);
    }

    [Fact]
    public async Task Help_NamesTheProgramRota()
    {
        using var cli = new CliRunner();
        var (exit, output, _) = await cli.Exec("--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n  rota [command] [options]", output);
        Assert.DoesNotContain("Rota.Cli", output);
        Assert.Contains("rota task run <name> [options]", (await cli.Exec("task", "run", "--help")).Out);
    }

    [Fact]
    public async Task UnwritableDatabasePath_IsOneLineIoErrorWithoutStackTrace()
    {
        using var cli = new CliRunner();
        var file = cli.Write("not-a-dir", "x");
        foreach (var args in new[] { new[] { "task", "list" }, ["migrate", "up"], ["serve"] })
        {
            var (exit, output, err) = await cli.Exec([.. args, "--db", Path.Combine(file, "rota.db")]);
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("error[io.error]: ", err);
            Assert.Contains(file, err);
            Assert.Single(err.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain("   at ", err);
        }
    }

    [Fact]
    public async Task BadCronOnTheCommandLine_ExitsWith4NamingTheField()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = await cli.Exec("cron", "next", "0 0 30 2 *", "--tz", "Europe/Paris");
        Assert.Equal(4, exit);
        Assert.StartsWith("error[cron.never_fires]: ", err);
        Assert.Contains("day-of-month '30'", err);
        (exit, _, err) = await cli.Exec("cron", "next", "0 2 * * *", "--tz", "Mars/Olympus");
        Assert.Equal(4, exit);
        Assert.StartsWith("error[schedule.bad_time_zone]: ", err);
        Assert.Contains("'Mars/Olympus'", err);
    }
}

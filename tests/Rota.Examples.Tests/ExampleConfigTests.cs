using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>Each example's rota.yaml is valid for the examples' host, whose handler kinds `apply` accepts through
/// <c>CliApp.RunAsync(…, extendRota)</c>, and is refused by plain <c>rota</c>, which does not know them.</summary>
public sealed class ExampleConfigTests
{
    [Theory]
    [InlineData("issue-miner", "ticket-sync")]
    [InlineData("saved-links", "process-saved-links")]
    [InlineData("s42", "org-rss-fetch")]
    [InlineData("sem-catalogue", "sem-airtable-sync")]
    public async Task The_examples_host_accepts_the_config_and_plain_rota_names_the_unknown_handler(string example, string handler)
    {
        using var dir = new TempDirectory();
        var config = Path.Combine(ExampleHost.RepositoryRoot, "examples", example, "rota.yaml");
        string[] args = ["--db", dir.File("rota.db"), "--config", config, "apply", "--dry-run"];

        using (var host = RotaProcess.StartDll(ExampleHost.Dll, dir.Path, null, args))
        {
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("is valid (dry run, nothing written)", host.Output);
        }
        using (var plain = RotaProcess.Start(dir.Path, args))
        {
            Assert.Equal(4, await plain.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"unknown handler '{handler}'", plain.Output);
        }
    }

    /// <summary>creatorpulse (seed 001) uses only built-in handlers: plain <c>rota</c> accepts it, alerts included.</summary>
    [Fact]
    public async Task Plain_rota_accepts_the_creatorpulse_config()
    {
        using var dir = new TempDirectory();
        var config = Path.Combine(ExampleHost.RepositoryRoot, "examples", "creatorpulse", "rota.yaml");
        using var plain = RotaProcess.Start(dir.Path, ["--db", dir.File("rota.db"), "--config", config, "apply", "--dry-run"]);
        Assert.Equal(0, await plain.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("is valid (dry run, nothing written)", plain.Output);
    }
}

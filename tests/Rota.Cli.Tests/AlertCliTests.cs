using System.Globalization;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>Alerts in a served node and through the CLI, with a real SMTP server (python3-aiosmtpd).</summary>
public sealed class AlertCliTests
{
    private static string Alerts(int port) => $"""
        alerts:
          channels:
            mail:
              type: email
              host: 127.0.0.1
              port: {port.ToString(CultureInfo.InvariantCulture)}
              security: none
              from: rota@example.org
              to: [admin@example.org]
          rules:
            - name: broken-failed
              kind: run_failed
              task: broken
              channels: [mail]
        """;

    [Fact]
    public async Task Serve_ConfiguredAlerts_FailedRunMailed_DeliveriesAndStateVisibleThroughCli_TestSendWorks()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var served = new ServedRota
        {
            ConfigText = """
                tasks:
                  - name: broken
                    handler: command
                    retry: { attempts: 1 }
                    parameters: { program: /bin/false }
                """ + "\n" + Alerts(smtp.Port),
        };
        await served.InitializeAsync();
        using var cli = new CliRunner();

        var run = await cli.Exec(served.Remote(null, "task", "run", "broken", "--wait"));
        Assert.Equal(5, run.Exit);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Task broken failed", mail.Subject);
        Assert.Equal(["admin@example.org"], mail.To.Mailboxes.Select(m => m.Address));

        JsonArray deliveries = [];
        for (var i = 0; i < 100 && deliveries.Count == 0; i++)
        {
            var listed = await cli.Exec(served.Remote(null, "alert", "deliveries", "--status", "sent", "--json"));
            Assert.True(listed.Exit == 0, listed.Err);
            deliveries = JsonNode.Parse(listed.Out)!.AsArray();
            if (deliveries.Count == 0) await Task.Delay(50);
        }
        var d = Assert.Single(deliveries)!;
        Assert.Equal(("broken-failed", "mail", "fired", "broken", "[Rota Alert] Task broken failed"),
            ((string?)d["rule"], (string?)d["channel"], (string?)d["kind"], (string?)d["subject_key"], (string?)d["summary"]));

        var list = await cli.Exec(served.Remote(null, "alert", "list"));
        Assert.True(list.Exit == 0, list.Err);
        Assert.Contains("broken-failed", list.Out);
        Assert.Contains("broken since", list.Out);

        var test = await cli.Exec(served.Remote(null, "alert", "test", "mail"));
        Assert.True(test.Exit == 0, test.Out + test.Err);
        Assert.Contains("alert: test message sent through channel 'mail'", test.Out);
        Assert.Equal("[Rota Alert] Test message for channel mail", (await smtp.WaitForAsync(2))[1].Subject);
    }

    [Fact]
    public async Task LocalAlertTest_AppliedChannel_SendsAndRecords_UnknownChannelExits3()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", Alerts(smtp.Port));
        var applied = await cli.Run("apply", "--config", path);
        Assert.True(applied.Exit == 0, applied.Err);
        Assert.Contains("created    alerts (1 rule(s), 1 channel(s))", applied.Out);
        Assert.Contains("unchanged  alerts", (await cli.Run("apply", "--config", path)).Out);

        var test = await cli.Run("alert", "test", "mail");
        Assert.True(test.Exit == 0, test.Out + test.Err);
        Assert.Equal("[Rota Alert] Test message for channel mail", Assert.Single(await smtp.WaitForAsync(1)).Subject);
        var table = await cli.Run("alert", "deliveries", "--status", "sent");
        Assert.Contains("test message for channel mail", table.Out, StringComparison.OrdinalIgnoreCase);

        var missing = await cli.Run("alert", "test", "pager");
        Assert.Equal(3, missing.Exit);
        Assert.Contains("error[alert_channel.not_found]: alerts: no channel named 'pager'; configured: mail", missing.Err);
    }

    [Fact]
    public async Task LocalAlertTest_StartTlsWithLogin_TrustedThroughCaFile_Sent()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(new SmtpTestOptions { Mode = "starttls", Certificate = cert, User = "rota", Password = "s3cret" });
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", $"""
            alerts:
              channels:
                mail:
                  type: email
                  host: 127.0.0.1
                  port: {smtp.Port.ToString(CultureInfo.InvariantCulture)}
                  security: starttls
                  username: rota
                  password: s3cret
                  ca_file: {cert.CertificatePath}
                  from: rota@example.org
                  to: [admin@example.org]
              rules: []
            """);
        var applied = await cli.Run("apply", "--config", path);
        Assert.True(applied.Exit == 0, applied.Err);

        var test = await cli.Run("alert", "test", "mail");

        Assert.True(test.Exit == 0, test.Out + test.Err);
        Assert.Contains("alert: test message sent through channel 'mail'", test.Out);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Test message for channel mail", mail.Subject);
        Assert.Equal("rota", mail.Headers[SmtpTestServer.AuthUserHeader]);
    }

    [Fact]
    public async Task AlertList_ShowsStatRangeAndCrawlCompletedRules()
    {
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", """
            alerts:
              channels:
                hook: { type: webhook, url: "https://hooks.example.org/rota" }
              rules:
                - { name: new-urls, kind: stat_out_of_range, task: airtable-sync, stat: new_urls, min: 0, max: 50, channels: [hook] }
                - { name: crawl-done, kind: crawl_completed, channels: [hook] }
            """);
        Assert.True((await cli.Run("apply", "--config", path)).Exit == 0);

        var list = await cli.Run("alert", "list");

        Assert.True(list.Exit == 0, list.Err);
        var lines = list.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("new-urls") && l.Contains("stat_out_of_range (airtable-sync: new_urls in 0..50)") && l.Contains("hook"));
        Assert.Contains(lines, l => l.Contains("crawl-done") && l.Contains("crawl_completed"));
        var json = JsonNode.Parse((await cli.Run("alert", "list", "--json")).Out)!;
        Assert.Equal(["stat_out_of_range", "crawl_completed"], json["rules"]!.AsArray().Select(r => (string?)r!["kind"]));
    }
}

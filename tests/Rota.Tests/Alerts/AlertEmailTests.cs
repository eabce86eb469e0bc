using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>Alerts delivered by e-mail to a real SMTP server (python3-aiosmtpd on a loopback port).</summary>
public sealed class AlertEmailTests
{
    private static string Yaml(int port, string rules) => $"""
        alerts:
          channels:
            ops-mail:
              type: email
              host: 127.0.0.1
              port: {port}
              security: none
              from: rota@example.org
              to: [admin@example.org, oncall@example.org]
          rules:
        {rules}
        """;

    [Fact]
    public async Task FlappingFailure_FailFailFailThenSuccess_SendsOneFiredAndOneResolvedMail()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, """
                - name: nightly-failed
                  kind: run_failed
                  channels: [ops-mail]
            """));
        await bed.AddTaskAsync("nightly-report");
        bed.Queue(false, false, false, true);

        var first = await bed.RunAsync("nightly-report");
        await bed.RunAsync("nightly-report");
        await bed.RunAsync("nightly-report");
        var last = await bed.RunAsync("nightly-report");

        var mails = await smtp.WaitForAsync(2);
        Assert.Equal(2, mails.Count);
        Assert.Equal("[Rota Alert] Task nightly-report failed", mails[0].Subject);
        Assert.Equal(["admin@example.org", "oncall@example.org"], mails[0].To.Mailboxes.Select(m => m.Address));
        Assert.Equal("rota@example.org", mails[0].From.Mailboxes.Single().Address);
        Assert.NotNull(mails[0].TextBody);
        Assert.Equal($"""
            Alert from Rota

            Subject: Task nightly-report failed
            Time: 2026-01-05T09:00:00Z

            Details:
            Run {first.Id} of nightly-report failed: test.broken: flaky: the upstream answered 503

            Please check the run history for more information.

            """.ReplaceLineEndings("\n"), mails[0].TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal("[Rota Resolved] Task nightly-report failed", mails[1].Subject);
        Assert.Contains($"nightly-report succeeded again (run {last.Id}).", mails[1].TextBody);
        var deliveries = await bed.DeliveriesAsync();
        Assert.Equal([("fired", "sent", 1), ("resolved", "sent", 1)], deliveries.Select(d => (d.Kind, d.Status, d.Attempts)));
        var state = Assert.Single(await bed.Store.AlertStateList(new AlertStateListParams("nightly-failed")));
        Assert.Equal(("nightly-report", AlertStateStatus.Resolved, 3), (state.SubjectKey, state.Status, state.Count));
    }

    [Fact]
    public async Task SmtpDown_DeliveryRetriedThenRecordedFailed_RunsKeepRunning()
    {
        var closed = SmtpTestServer.FreePort();
        await using var bed = await AlertBed.CreateAsync(Yaml(closed, """
                - name: any-failed
                  kind: run_failed
                  channels: [ops-mail]
            """));
        await bed.AddTaskAsync("import");
        bed.Queue(false, true, true);

        var failed = await bed.RunAsync("import");
        var next = await bed.RunAsync("import");

        Assert.Equal(Runs.RunStatus.Failed, failed.Status);
        Assert.Equal(Runs.RunStatus.Succeeded, next.Status);
        var deliveries = await bed.DeliveriesAsync();
        var fired = deliveries[0];
        Assert.Equal(("fired", AlertDeliveryValues.Failed, 3), (fired.Kind, fired.Status, fired.Attempts));
        Assert.Contains($"127.0.0.1:{closed}", fired.LastError);
        Assert.Null(fired.SentAt);
        Assert.Equal(("resolved", AlertDeliveryValues.Failed), (deliveries[1].Kind, deliveries[1].Status));
    }

    [Fact]
    public async Task TestChannel_SendsTestMessage_ReturnsSentDelivery()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "    []"));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal((AlertDeliveryValues.Test, AlertDeliveryValues.Sent, "ops-mail"), (delivery.Kind, delivery.Status, delivery.Channel));
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Test message for channel ops-mail", mail.Subject);
        Assert.Contains("If you can read it, the channel works.", mail.TextBody);
    }
}

using Rota.Alerts.Channels;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>E-mail alerts over STARTTLS and implicit TLS with AUTH, against a real aiosmtpd server presenting a
/// self-signed certificate made for the test; the channel trusts it through <c>ca_file</c>.</summary>
public sealed class AlertEmailTlsTests
{
    private const string User = "rota-alerts";
    private const string Password = "c0rrect-horse";

    private static string Yaml(int port, string security, string password, string? caFile) => $"""
        alerts:
          channels:
            ops-mail:
              type: email
              host: 127.0.0.1
              port: {port}
              security: {security}
              username: {User}
              password: {password}
              from: rota@example.org
              to: [admin@example.org, oncall@example.org]
        {(caFile is null ? "" : $"      ca_file: {caFile}")}
          rules:
            - name: nightly-failed
              kind: run_failed
              channels: [ops-mail]
        """;

    private static SmtpTestOptions Server(string mode, TestCertificate cert) => new() { Mode = mode, Certificate = cert, User = User, Password = Password };

    [Fact]
    public async Task StartTls_LoginAccepted_FailedRunMailed_ServerSawTheUser()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(Server("starttls", cert));
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "starttls", Password, cert.CertificatePath));
        await bed.AddTaskAsync("nightly-report");
        bed.Queue(false);

        var run = await bed.RunAsync("nightly-report");

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Task nightly-report failed", mail.Subject);
        Assert.Equal(["admin@example.org", "oncall@example.org"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains($"Run {run.Id} of nightly-report failed: test.broken: flaky: the upstream answered 503", mail.TextBody);
        Assert.Equal(User, mail.Headers[SmtpTestServer.AuthUserHeader]);
        var delivery = Assert.Single(await bed.DeliveriesAsync());
        Assert.Equal((AlertDeliveryValues.Sent, 1, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task ImplicitSsl_LoginAccepted_TestMessageDelivered()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(Server("ssl", cert));
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "ssl", Password, cert.CertificatePath));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal(AlertDeliveryValues.Sent, delivery.Status);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Test message for channel ops-mail", mail.Subject);
        Assert.Equal(User, mail.Headers[SmtpTestServer.AuthUserHeader]);
    }

    [Fact]
    public async Task WrongPassword_RecordedFailedOnce_WithAuthCodeAndCause()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(Server("starttls", cert));
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "starttls", "wrong-password", cert.CertificatePath));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal((AlertDeliveryValues.Failed, 1), (delivery.Status, delivery.Attempts));
        Assert.StartsWith(AlertChannelErrors.SmtpAuthFailed + ": ", delivery.LastError);
        Assert.Contains($"the server refused the login of user '{User}'", delivery.LastError);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task UntrustedCertificate_WithoutCaFile_RecordedFailed_WithCertificateCode()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(Server("starttls", cert));
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "starttls", Password, caFile: null));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal((AlertDeliveryValues.Failed, 1), (delivery.Status, delivery.Attempts));
        Assert.StartsWith(AlertChannelErrors.SmtpCertificateUntrusted + ": ", delivery.LastError);
        Assert.Contains("the server certificate is not trusted", delivery.LastError);
        Assert.Contains("set ca_file", delivery.LastError);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task OtherCa_InCaFile_StillRejected()
    {
        using var cert = new TestCertificate();
        using var stranger = new TestCertificate("some-other-ca");
        await using var smtp = await SmtpTestServer.StartAsync(Server("ssl", cert));
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "ssl", Password, stranger.CertificatePath));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal(AlertDeliveryValues.Failed, delivery.Status);
        Assert.StartsWith(AlertChannelErrors.SmtpCertificateUntrusted + ": ", delivery.LastError);
        Assert.Contains($"does not chain to a CA in {stranger.CertificatePath}", delivery.LastError);
    }

    [Fact]
    public async Task CaFileWithoutCertificates_RecordedFailed_WithCaFileCode()
    {
        using var cert = new TestCertificate();
        await using var smtp = await SmtpTestServer.StartAsync(Server("starttls", cert));
        using var dir = new TempDirectory();
        var notPem = dir.File("ca.pem");
        await File.WriteAllTextAsync(notPem, "this is not a certificate\n");
        await using var bed = await AlertBed.CreateAsync(Yaml(smtp.Port, "starttls", Password, notPem));

        var delivery = await bed.Alerter.TestChannelAsync("ops-mail");

        Assert.Equal((AlertDeliveryValues.Failed, 1), (delivery.Status, delivery.Attempts));
        Assert.StartsWith(AlertChannelErrors.CaFileUnreadable + ": ", delivery.LastError);
        Assert.Contains($"ca_file {notPem} holds no PEM certificate", delivery.LastError);
    }
}

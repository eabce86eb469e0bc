using Rota.Alerts;
using Rota.Configuration;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>Validation of <c>stat_out_of_range</c>, <c>crawl_completed</c> and an e-mail channel's <c>ca_file</c>:
/// every problem listed with its path, and a valid rule reads back the same through the stored JSON.</summary>
public sealed class AlertConfigNewFieldsTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop" };

    private static IReadOnlyList<ConfigError> Errors(string text) =>
        Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse(text, "yaml", "rota.yaml", Known)).Errors;

    [Fact]
    public void StatRangeAndCrawlCompleted_Valid_RoundTripThroughStoredJson()
    {
        using var cert = new TestCertificate();
        var alerts = ConfigLoader.Parse($"""
            alerts:
              channels:
                mail: {"{"} type: email, host: smtp.example.org, from: rota@example.org, to: [a@example.org], ca_file: {cert.CertificatePath} {"}"}
                hook: {"{"} type: webhook, url: "https://example.org/hook" {"}"}
              rules:
                - {"{"} name: new-urls, kind: stat_out_of_range, task: airtable-sync, stat: new_urls, min: 0, max: 50, missing: ignore, channels: [mail] {"}"}
                - {"{"} name: crawled, kind: crawl_completed, task: daily-crawl, channels: [hook] {"}"}
            """, "yaml", "rota.yaml", Known).Alerts!;

        var range = alerts.Rules[0];
        Assert.Equal((AlertRuleKind.StatOutOfRange, "airtable-sync", "new_urls", 0d, 50d, true),
            (range.Kind, range.Task, range.Stat, range.Min, range.Max, range.IgnoreMissing));
        Assert.Equal(AlertRuleKind.CrawlCompleted, alerts.Rules[1].Kind);
        Assert.Equal(cert.CertificatePath, alerts.Channel("mail")!.CaFile);
        var json = AlertConfigJson.Serialize(alerts);
        Assert.Equal(json, AlertConfigJson.Serialize(ConfigLoader.ParseAlerts(json, "stored")));
    }

    [Fact]
    public void Invalid_EveryProblemListed()
    {
        var errors = Errors("""
            alerts:
              channels:
                mail: { type: email, host: smtp.example.org, from: rota@example.org, to: [a@example.org], ca_file: /nonexistent/ca.pem }
                plain: { type: email, host: smtp.example.org, security: none, from: rota@example.org, to: [a@example.org], ca_file: /etc/hostname }
              rules:
                - { name: a, kind: stat_out_of_range, channels: [mail] }
                - { name: b, kind: stat_out_of_range, task: t, stat: n, min: 10, max: 5, missing: maybe, channels: [mail] }
                - { name: c, kind: stat_out_of_range, task: t, stat: n, min: lots, channels: [mail] }
                - { name: d, kind: run_failed, stat: n, max: 3, channels: [mail] }
                - { name: e, kind: crawl_completed, repeat: 1h, channels: [mail] }
            """);

        string Message(string path) => Assert.Single(errors, e => e.Path == path).Message;
        Assert.Equal("file not found (a PEM file with the CA certificate to trust)", Message("alerts.channels.mail.ca_file"));
        Assert.Equal("ca_file needs security: starttls or ssl", Message("alerts.channels.plain.ca_file"));
        Assert.Equal("a stat_out_of_range rule needs the task whose runs it checks (a pipeline step's task too)", Message("alerts.rules[0].task"));
        Assert.Equal("a stat_out_of_range rule needs the stats key to check (e.g. new_urls)", Message("alerts.rules[0].stat"));
        Assert.Equal("a stat_out_of_range rule needs min, max or both", Message("alerts.rules[0].min"));
        Assert.Equal("max must not be below min (10)", Message("alerts.rules[1].max"));
        Assert.Equal("unknown missing policy; allowed: fire, ignore", Message("alerts.rules[1].missing"));
        Assert.Equal("expected a number", Message("alerts.rules[2].min"));
        Assert.Equal("stat does not apply to run_failed rules", Message("alerts.rules[3].stat"));
        Assert.Equal("max does not apply to run_failed rules", Message("alerts.rules[3].max"));
        Assert.Equal("repeat does not apply to crawl_completed rules: each event sends one notice", Message("alerts.rules[4].repeat"));
        Assert.Equal(11, errors.Count);
    }
}

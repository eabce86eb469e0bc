using Rota.Alerts;
using Rota.Configuration;

namespace Rota.Tests.Alerts;

/// <summary>The <c>alerts:</c> section: a full example reads back exactly, and every problem is listed with its path.</summary>
public sealed class AlertConfigTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop" };

    private static IReadOnlyList<ConfigError> Errors(string text) =>
        Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse(text, "yaml", "rota.yaml", Known)).Errors;

    private const string Valid = """
        alerts:
          channels:
            ops-mail:
              type: email
              host: smtp.example.org
              port: 587
              security: starttls
              username: rota
              password_env: ROTA_SMTP_PASSWORD
              from: rota@example.org
              to: [admin@example.org]
            hook:
              type: webhook
              url: https://hooks.example.org/rota
              secret_env: ROTA_HOOK_SECRET
              headers: {X-Team: ops}
            chat:
              type: slack
              url: https://hooks.slack.com/services/T0/B0/XYZ
          rules:
            - name: crawl-failures
              kind: sources_failed_in_crawl
              task: daily-crawl
              channels: [ops-mail, chat]
            - name: nightly-dead
              kind: no_success_within
              task: nightly
              duration: 25h
              repeat: 6h
              channels: [hook]
              template:
                subject: "nightly: {title}"
                body: "{details} ({time})"
        """;

    [Fact]
    public void Parse_FullSection_ReadsChannelsAndRules_AndRoundTripsThroughStoredJson()
    {
        var alerts = ConfigLoader.Parse(Valid, "yaml", "rota.yaml", Known).Alerts!;

        Assert.Equal(["ops-mail", "hook", "chat"], alerts.Channels.Select(c => c.Name));
        var mail = alerts.Channel("ops-mail")!;
        Assert.Equal(("smtp.example.org", 587, "starttls", "rota", "ROTA_SMTP_PASSWORD"), (mail.Host, mail.Port, mail.Security, mail.Username, mail.PasswordEnv));
        Assert.Equal("ops", alerts.Channel("hook")!.Headers["X-Team"]);
        var dead = alerts.Rules[1];
        Assert.Equal((AlertRuleKind.NoSuccessWithin, "nightly", TimeSpan.FromHours(25), TimeSpan.FromHours(6)), (dead.Kind, dead.Task, dead.Duration, dead.Repeat));
        Assert.Equal("nightly: {title}", dead.Template.Subject);

        var json = AlertConfigJson.Serialize(alerts);
        var back = ConfigLoader.ParseAlerts(json, "stored");
        Assert.Equal(json, AlertConfigJson.Serialize(back));
        Assert.Equal("https://hooks.slack.com/***", back.Redacted().Channel("chat")!.Url);
    }

    [Fact]
    public void Parse_EveryProblem_IsListedWithPathAndClearMessage()
    {
        var errors = Errors("""
            alerts:
              channels:
                mail:
                  type: email
                  port: 99999
                  security: tls
                  password: x
                  to: [not-an-address]
                hook:
                  type: webhok
                chat:
                  type: slack
                  url: ftp://example.org/x
              rules:
                - name: a
                  kind: run_failed
                  channels: [mail, pager]
                  duration: 1h
                - name: b
                  kind: no_success_withn
                  channels: [chat]
                - name: c
                  kind: no_success_within
                  duration: soon
                  channels: []
                - name: d
                  kind: run_failed
                  channels: [chat]
                  template:
                    subject: "{titel} failed"
                - kind: node_lost
                  channels: [chat]
            """);

        string Message(string path) => Assert.Single(errors, e => e.Path == path).Message;
        Assert.Equal("an email channel needs the SMTP host", Message("alerts.channels.mail.host"));
        Assert.Equal("a port is at most 65535", Message("alerts.channels.mail.port"));
        Assert.Equal("unknown security; allowed: none, ssl, starttls", Message("alerts.channels.mail.security"));
        Assert.Equal("a password needs a username", Message("alerts.channels.mail.username"));
        Assert.Equal("an email channel needs a 'from' address", Message("alerts.channels.mail.from"));
        Assert.Equal("not an e-mail address", Message("alerts.channels.mail.to[0]"));
        Assert.Equal("unknown channel type; did you mean 'webhook'?", Message("alerts.channels.hook.type"));
        Assert.Equal("expected an absolute http:// or https:// URL", Message("alerts.channels.chat.url"));
        var pager = Assert.Single(errors, e => e.Path == "alerts.rules[0].channels[1]");
        Assert.Equal(("unknown channel; allowed: chat, mail", "pager"), (pager.Message, pager.Value));
        Assert.Equal("duration does not apply to run_failed rules", Message("alerts.rules[0].duration"));
        Assert.Equal("unknown rule kind; did you mean 'no_success_within'?", Message("alerts.rules[1].kind"));
        Assert.StartsWith("'soon' is not a duration", Message("alerts.rules[2].duration"));
        Assert.Equal("a rule needs at least one channel", Message("alerts.rules[2].channels"));
        Assert.Equal("unknown placeholder {titel}; did you mean 'title'?", Message("alerts.rules[3].template.subject"));
        Assert.Equal("every rule needs a name", Message("alerts.rules[4].name"));
        Assert.Equal(15, errors.Count);
        Assert.All(errors, e => Assert.NotNull(e.Line));
    }

    [Fact]
    public void Render_DefaultTemplate_FollowsSeed001Layout()
    {
        var values = new Dictionary<string, string> { ["system"] = "Rota Scheduled Crawl System", ["title"] = "Daily Crawl Alert", ["time"] = "2025-10-15T02:05:00Z",
            ["details"] = "Daily crawl had 6 failures", ["advice"] = "the crawl logs" };

        Assert.Equal("[Rota Alert] Daily Crawl Alert", AlertText.Render(AlertDefaults.Subject, values));
        Assert.Equal("Alert from Rota Scheduled Crawl System\n\nSubject: Daily Crawl Alert\nTime: 2025-10-15T02:05:00Z\n\nDetails:\nDaily crawl had 6 failures\n\n"
            + "Please check the crawl logs for more information.\n", AlertText.Render(AlertDefaults.Body, values));
        Assert.Equal("{literal} Daily Crawl Alert", AlertText.Render("{{literal} {title}", values));
    }
}

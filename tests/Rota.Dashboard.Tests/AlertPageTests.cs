using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AlertPageTests(DashboardServer server)
{
    [Fact]
    public async Task Admin_SeesRuleStateChannelsAndDeliveries_SecretsHidden()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/alerts");

        var rule = page.Locator("tr[data-rule='failures']");
        await Expect(rule).ToContainTextAsync("run_failed");
        await Expect(rule).ToContainTextAsync("hook, chat");
        await Expect(rule.Locator(".badge")).ToHaveTextAsync("firing");
        await Expect(rule).ToContainTextAsync("task:admin-report");
        await Expect(page.Locator("tr[data-channel='chat']")).ToContainTextAsync("https://hooks.slack.com/***");
        await Expect(page.Locator("tr[data-channel='hook']")).ToContainTextAsync("(signed)");
        var delivery = page.Locator("tr[data-delivery]").Filter(new() { HasText = "admin-report failed" });
        await Expect(delivery).ToContainTextAsync("slack: HTTP 404");
        await Expect(delivery.Locator(".badge")).ToHaveTextAsync("failed");
        var html = await page.ContentAsync();
        Assert.DoesNotContain(DashboardServer.AlertSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("SLACKSECRET", html, StringComparison.Ordinal);

        await page.GotoAsync("/alerts?channel=hook&status=failed");
        await Expect(page.Locator("tr[data-delivery]").Filter(new() { HasText = "admin-report failed" })).ToHaveCountAsync(0);
        await page.GotoAsync("/alerts?rule=failures&status=failed");
        await Expect(page.Locator("tr[data-delivery]").Filter(new() { HasText = "admin-report failed" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Admin_SeesStatRangeAndCrawlCompletedRules()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync("/alerts");

        var range = page.Locator("tr[data-rule='new-urls']");
        await Expect(range).ToContainTextAsync("stat_out_of_range");
        await Expect(range).ToContainTextAsync("task airtable-sync");
        await Expect(range).ToContainTextAsync("new_urls in 0..50");
        await Expect(range).ToContainTextAsync("never fired");
        var crawl = page.Locator("tr[data-rule='crawl-done']");
        await Expect(crawl).ToContainTextAsync("crawl_completed");
        await Expect(crawl).ToContainTextAsync("a notice per crawl");
    }

    [Fact]
    public async Task User_AlertsPageAndTestSend_Answer403()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Alerts" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/alerts", "/confirm?action=alert-test&channel=hook" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admins only" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task SendTest_ToLoopbackWebhook_RecordsDeliveryShownOnPage()
    {
        var before = server.AlertReceiver.Requests.Count;
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync("/alerts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send a test message through hook" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send a test message through 'hook'?" })).ToBeVisibleAsync();
        await page.Locator("#confirm-button").ClickAsync();

        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/alerts");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("to 'hook' sent");
        Assert.Equal(before + 1, server.AlertReceiver.Requests.Count);
        Assert.NotNull(server.AlertReceiver.Requests[^1].Header("X-Rota-Signature"));
        var row = page.Locator("tr[data-delivery]").Filter(new() { HasText = "test" }).First;
        await Expect(row).ToContainTextAsync("hook");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("sent");
        var audit = await server.Store.AuditList(new Rota.Storage.AuditListParams(Action: "alerts.test"));
        Assert.Contains(audit, a => a.Action == "alerts.test" && a.Target == "alert_channel:hook");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class QueueTests(DashboardServer server)
{
    [Fact]
    public async Task Admin_PausesAndResumesQueue_AfterConfirmation()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync("/queues");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Pause queue {DashboardServer.BatchQueue}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, pause" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Queue '{DashboardServer.BatchQueue}' paused.");
        await Expect(page.Locator($"tr[data-queue='{DashboardServer.BatchQueue}'] .badge")).ToHaveTextAsync("paused");
        Assert.True((await server.Store.QueueList()).Single(q => q.Name == DashboardServer.BatchQueue).Paused);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Resume queue {DashboardServer.BatchQueue}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, resume" }).ClickAsync();
        await Expect(page.Locator($"tr[data-queue='{DashboardServer.BatchQueue}'] .badge")).ToHaveTextAsync("active");
        Assert.False((await server.Store.QueueList()).Single(q => q.Name == DashboardServer.BatchQueue).Paused);
    }
}

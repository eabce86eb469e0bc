using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RunHistoryTests(DashboardServer server)
{
    [Fact]
    public async Task Runs_FilteredByTask_PagesWithCursor()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        await page.GotoAsync("/runs");
        await page.GetByLabel("Task").SelectOptionAsync("bob-pager");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("task=bob-pager", StringComparison.Ordinal));
        var rows = page.Locator("tr[data-run]");
        await Expect(rows).ToHaveCountAsync(25);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older »" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(DashboardServer.PagerRuns - 25);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older »" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "« Newest" })).ToBeVisibleAsync();
        Assert.Contains("task=bob-pager", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_FilteredByStatusAndTrigger_ShowOnlyMatches()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync("/runs?status=failed");
        await Expect(page.Locator("tr[data-run]")).ToHaveCountAsync(0);
        await Expect(page.GetByText("No runs.")).ToBeVisibleAsync();
        await page.GotoAsync($"/runs?task=bob-task&trigger=manual");
        await Expect(page.Locator("tr[data-run]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-run='{server.BobRunId}']")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Trigger")).ToHaveValueAsync("manual");
    }
}

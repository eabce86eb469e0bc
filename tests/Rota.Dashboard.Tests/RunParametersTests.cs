using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RunParametersTests(DashboardServer server)
{
    [Fact]
    public async Task RunNow_WithJsonParameters_RunCarriesThem()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        await page.GotoAsync("/confirm?action=task-run&task=bob-params&back=/tasks");
        await page.GetByLabel("Parameters").FillAsync("""{"day": "monday"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, run now" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/runs/\\d+"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Parameters" })).ToContainTextAsync("monday");
        var runId = long.Parse(new Regex("/runs/(\\d+)").Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("monday", (await server.Store.RunGet(runId))!.Parameters!["day"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunNow_WithInvalidParameters_ShowsErrorBannerAndRunsNothing()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        var before = (await server.Store.RunList(new Rota.Storage.RunListParams { TaskName = "bob-params", Limit = 500 })).Count;
        await page.GotoAsync("/confirm?action=task-run&task=bob-params&back=/tasks");
        await page.GetByLabel("Parameters").FillAsync("[1, 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, run now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Parameters must be a JSON object");
        Assert.Equal(before, (await server.Store.RunList(new Rota.Storage.RunListParams { TaskName = "bob-params", Limit = 500 })).Count);
    }
}

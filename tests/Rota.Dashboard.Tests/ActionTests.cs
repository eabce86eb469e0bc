using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rota.Runs;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ActionTests(DashboardServer server)
{
    [Fact]
    public async Task Toggle_ConfirmedDisable_ShowsAfterReloadAndInStore()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/tasks");
        var toggle = page.Locator("tr[data-task='alice-toggle'] [role=switch]");
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        await toggle.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disable task 'alice-toggle'?" })).ToBeVisibleAsync();
        await page.GetByLabel("Reason").FillAsync("maintenance window");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, disable" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Task 'alice-toggle' disabled.");
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("tr[data-task='alice-toggle'] [role=switch]")).ToHaveAttributeAsync("aria-checked", "false");
        var stored = await server.Store.TaskGet("alice-toggle");
        Assert.False(stored!.Definition.Enabled);
        Assert.Equal("maintenance window", stored.Definition.PausedReason);
    }

    [Fact]
    public async Task RunNow_ProgressReportingHandler_BarReaches100Live()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = "Run alice-progress now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, run now" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/runs/\\d+"));
        // The page's EventSource is subscribed once it reports "open"; only then may the handler move on.
        await Expect(page.Locator("[data-live-state='open']")).ToHaveCountAsync(1);
        server.ProgressGate.Release();
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Run progress" });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#run-status .badge")).ToHaveAttributeAsync("data-status", "succeeded");
    }

    [Fact]
    public async Task Cancel_LongRun_EndsCancelled()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/tasks/alice-sleeper");
        await page.GetByRole(AriaRole.Link, new() { Name = "Run now…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, run now" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/runs/\\d+"));
        var runId = await server.SleeperStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await page.GotoAsync($"/runs/{runId}");
        await Expect(page.Locator("#run-status .badge")).ToHaveAttributeAsync("data-status", "running");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel run…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the run" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Cancellation of run {runId} requested.");
        await WaitForAsync(async () => (await server.Store.RunGet(runId))!.Status == RunStatus.Cancelled);
        await page.ReloadAsync();
        await Expect(page.Locator("#run-status .badge")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Retry…" })).ToBeVisibleAsync();
    }

    /// <summary>Polls a server-side condition (no browser state to wait on) for up to 20 s.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
            if (!await tick.WaitForNextTickAsync(timeout.Token)) break;
    }
}

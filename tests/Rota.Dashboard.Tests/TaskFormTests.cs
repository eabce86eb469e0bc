using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class TaskFormTests(DashboardServer server)
{
    [Fact]
    public async Task CreateFromHttpTemplate_BadCronShowsError_GoodCronExplained_ConfirmSaves()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        await page.GotoAsync("/tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = "New task" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Command" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "HTTP call" }).ClickAsync();
        await Expect(page.GetByLabel("Parameters (JSON object, passed to the handler)", new() { Exact = true })).ToHaveValueAsync(new Regex("\"url\""));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("carol-health");

        // Explained as it is typed (site.js asks /ui/cron/explain).
        var cron = page.Locator("#f-schedules-0-cron");
        await cron.FillAsync("61 * * * *");
        await Expect(page.Locator("#f-schedules-0-explained .error-text")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("nothing was saved");
        await Expect(page.Locator("#f-schedules-0-cron-err")).ToBeVisibleAsync();
        await Expect(cron).ToHaveAttributeAsync("aria-invalid", "true");
        await server.ScreenshotAsync(page, "task-form-errors-light");
        Assert.Null(await server.Store.TaskGet("carol-health"));

        await cron.FillAsync("30 9 * * 1-5");
        await Expect(page.Locator("#f-schedules-0-explained .ok-text")).ToContainTextAsync("09:30");
        await Expect(page.Locator("#f-schedules-0-explained")).ToContainTextAsync("Next:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToHaveCountAsync(0);
        await Expect(page.Locator("#confirm-save")).ToContainTextAsync("Save task 'carol-health'?");
        await server.ScreenshotAsync(page, "task-form-confirm-light");
        Assert.Null(await server.Store.TaskGet("carol-health"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks/carol-health"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Task 'carol-health' created.");
        var saved = (await server.Store.TaskGet("carol-health"))!;
        Assert.Equal("carol", saved.Definition.Owner);
        Assert.Equal("http", saved.Definition.Handler);
        Assert.Equal("https://example.com/health", saved.Definition.Parameters["url"]!.GetValue<string>());
        var schedule = Assert.Single(await server.Store.ScheduleList(new Rota.Storage.ScheduleListParams(saved.Id)));
        Assert.Equal("30 9 * * 1-5", schedule.Definition.Specs[0].Cron);
    }

    [Fact]
    public async Task Edit_ChangedAfterCheck_AsksAgain_ThenSavesLikePut()
    {
        await server.Engine.Client.ApplyAsync(Rota.Configuration.ConfigLoader.ParseTask(
            """{"name":"carol-edit","handler":"noop","owner":"carol","cron":"0 6 * * *","description":"before"}""", "test", server.Engine.HandlerKinds.ToHashSet(), Rota.Tasks.TaskOrigin.Api));
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        await page.GotoAsync("/tasks/carol-edit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit…" }).ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("readonly", "");
        await Expect(page.Locator("#loses-settings")).ToHaveCountAsync(0);
        await page.GetByLabel("Description").FillAsync("after");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("#confirm-save")).ToBeVisibleAsync();
        // A change after the check is not saved unseen: the confirmation comes back for the new content.
        await page.GetByLabel("Description").FillAsync("after, changed again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await Expect(page.Locator("#confirm-save")).ToBeVisibleAsync();
        Assert.Equal("before", (await server.Store.TaskGet("carol-edit"))!.Definition.Description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Task 'carol-edit' saved.");
        var saved = (await server.Store.TaskGet("carol-edit"))!;
        Assert.Equal("after, changed again", saved.Definition.Description);
        Assert.Equal("carol", saved.Definition.Owner);
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task Templates_CrawlIsLimitedToTheCaller_CommandOnlyWhenAllowed()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using (context)
        {
            await page.GotoAsync("/tasks/new?template=crawl");
            await Expect(page.GetByLabel("Handler", new() { Exact = true })).ToHaveValueAsync("crawl");
            await Expect(page.GetByLabel("Parameters (JSON object, passed to the handler)", new() { Exact = true })).ToHaveValueAsync(new Regex("\"owner\":\"carol\""));
            // A command template asked for by URL falls back to HTTP when commands are not allowed.
            await page.GotoAsync("/tasks/new?template=command");
            await Expect(page.GetByLabel("Handler", new() { Exact = true })).ToHaveValueAsync("http");
        }
        var (adminContext, adminPage) = await server.SignedInAsync("admin");
        await using (adminContext)
        {
            await adminPage.GotoAsync("/tasks/new");
            await Expect(adminPage.Locator("#no-command-template")).ToContainTextAsync("--allow-command-tasks");
            await Expect(adminPage.GetByRole(AriaRole.Link, new() { Name = "Command" })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task EditOtherUsersTask_ByDirectUrl_Answers404()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        Assert.Equal(404, (await page.GotoAsync("/tasks/bob-task/edit"))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RunNow_BeyondTheTriggerLimit_ShowsBannerAndRunsNothing()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        // A fixed one-minute window: 2N+1 attempts cross at most one window boundary, so one must be refused.
        var refused = false;
        for (var i = 0; i < 2 * DashboardServer.TriggerPermits + 1 && !refused; i++)
        {
            await page.GotoAsync("/confirm?action=task-run&task=carol-quick&back=/tasks");
            var before = (await server.Store.RunList(new Rota.Storage.RunListParams { TaskName = "carol-quick", Limit = 500 })).Count;
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, run now" }).ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("/confirm", StringComparison.Ordinal));
            if (await page.Locator(".banner.error").CountAsync() > 0)
            {
                await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"at most {DashboardServer.TriggerPermits} Run now, Retry or Crawl now a minute");
                Assert.Equal(before, (await server.Store.RunList(new Rota.Storage.RunListParams { TaskName = "carol-quick", Limit = 500 })).Count);
                refused = true;
            }
        }
        Assert.True(refused, "the dashboard never refused a Run now");
    }
}

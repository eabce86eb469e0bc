using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class PipelinePageTests(DashboardServer server)
{
    [Fact]
    public async Task ListAndDetail_ShowStepsAndGraph_OneNodePerStepAndEdgesForAfter()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pipelines" }).ClickAsync();
        var row = page.Locator($"tr[data-pipeline='{DashboardServer.AdminPipelineName}']");
        await Expect(row).ToContainTextAsync("Extract, transform, load");
        await Expect(row.Locator("td.num")).ToHaveTextAsync("4");
        await Expect(row).ToContainTextAsync("enabled");
        await Expect(page.Locator("tr[data-pipeline='bob-flow']")).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link, new() { Name = DashboardServer.AdminPipelineName }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Pipeline '{DashboardServer.AdminPipelineName}'" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-step='transform']")).ToContainTextAsync("extract");
        await Expect(page.Locator("tr[data-step='transform']")).ToContainTextAsync("300 s");
        await Expect(page.Locator("tr[data-step='notify']")).ToContainTextAsync("continue");
        var nodes = await page.Locator("svg g.graph-node").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.step)");
        Assert.Equal(["extract", "transform", "load", "notify"], nodes);
        var edges = await page.Locator("svg path.graph-edge").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.from + '>' + e.dataset.to)");
        Assert.Equal(["extract>notify", "extract>transform", "transform>load"], edges.Order().ToArray());
        // Columns by depth: extract left of transform and notify, transform left of load.
        var x = await page.Locator("svg g.graph-node rect").EvaluateAllAsync<int[]>("els => els.map(e => +e.getAttribute('x'))");
        Assert.True(x[0] < x[1] && x[1] < x[2] && x[3] == x[1], string.Join(",", x));
    }

    [Fact]
    public async Task RunNow_CreatesPipelineRunWithStepRuns_ShownOnPage()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync($"/pipelines/{DashboardServer.AdminPipelineName}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Run now…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run pipeline '{DashboardServer.AdminPipelineName}' now?" })).ToBeVisibleAsync();
        await page.Locator("#confirm-button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued");
        var runs = await server.Store.RunList(new Rota.Storage.RunListParams { TaskName = DashboardServer.AdminPipelineName, Limit = 5 });
        var run = runs[0];
        Assert.Equal($"dashboard:admin", run.TriggeredBy);
        // The steps run on the engine's poll; wait (bounded) for the pipeline run to finish, then the page shows all four.
        for (var i = 0; i < 100 && (await server.Store.RunGet(run.Id))!.Status != Rota.Runs.RunStatus.Succeeded; i++) await Task.Delay(200);
        await page.ReloadAsync();
        var card = page.Locator($"article[data-run='{run.Id}']");
        await Expect(card.Locator("h3 .badge").First).ToContainTextAsync("succeeded");
        await Expect(card.Locator("li[data-step-run]")).ToHaveCountAsync(4);
        await Expect(card.Locator("li[data-step-run='load']")).ToBeVisibleAsync();
        await Expect(page.Locator("svg g.graph-node.st-succeeded")).ToHaveCountAsync(4);
        await server.ScreenshotAsync(page, "pipeline-after-run-light");

        await page.GetByRole(AriaRole.Link, new() { Name = "Run only step notify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run only step 'notify' of pipeline '{DashboardServer.AdminPipelineName}'?" })).ToBeVisibleAsync();
        await page.Locator("#confirm-button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("only step 'notify'");
    }

    [Fact]
    public async Task Editor_UnknownAfterListed_ThenValidPipelineSaved()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/pipelines/new?view=text");
        var text = page.GetByLabel("Definition");
        await text.FillAsync("""
            name: alice-flow
            steps:
              - name: first
                handler: noop
              - name: second
                handler: noop
                after: [nonexistent]
            """);
        await page.Locator("#check-button").ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("nonexistent");
        await Expect(page.Locator("#confirm-save")).ToHaveCountAsync(0);

        await page.GetByLabel("Definition").FillAsync("""
            name: alice-flow
            steps:
              - name: first
                handler: noop
              - name: second
                handler: noop
                after: [first]
            """);
        await page.Locator("#check-button").ClickAsync();
        await Expect(page.Locator("#confirm-save svg g.graph-node")).ToHaveCountAsync(2);
        await Expect(page.Locator("#confirm-save svg path.graph-edge")).ToHaveCountAsync(1);
        Assert.Null(await server.Store.TaskGet("alice-flow"));
        await server.ScreenshotAsync(page, "pipeline-preview-light");
        await context.AddCookiesAsync([new Cookie { Name = "rota_theme", Value = "dark", Url = server.BaseUrl }]);
        await page.Locator("#check-button").ClickAsync();
        await Expect(page.Locator("#confirm-save svg g.graph-node")).ToHaveCountAsync(2);
        await server.ScreenshotAsync(page, "pipeline-preview-dark");
        await page.Locator("#save-button").ClickAsync();

        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/pipelines/alice-flow");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        var stored = await server.Store.TaskGet("alice-flow");
        Assert.Equal("alice", stored!.Definition.Owner);
        await page.GotoAsync("/pipelines/alice-flow/edit?view=text");
        await Expect(page.GetByLabel("Definition")).ToContainTextAsync("\"after\"");

        // Alice's task count is asserted elsewhere (sign-in test): remove the pipeline and its step tasks again.
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.AliceToken);
        using var deleted = await http.DeleteAsync("/api/v1/pipelines/alice-flow");
        Assert.True(deleted.IsSuccessStatusCode, $"{deleted.StatusCode}");
        Assert.Null(await server.Store.TaskGet("alice-flow.first"));
    }

    [Fact]
    public async Task Editor_PrefillsStoredSchedule_SoSavingKeepsIt()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using var session = context;
        await page.GotoAsync($"/pipelines/{DashboardServer.AdminPipelineName}/edit?view=text");
        await Expect(page.GetByLabel("Definition")).ToContainTextAsync("\"cron\": \"0 4 * * *\"");
        await Expect(page.Locator("#loses-settings")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task User_OtherUsersPipelineByDirectUrl_Answers404()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/pipelines");
        await Expect(page.Locator("tr[data-pipeline='bob-flow']")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/pipelines/bob-flow", "/pipelines/bob-flow/edit", $"/pipelines/{DashboardServer.AdminPipelineName}",
            "/confirm?action=pipeline-run&task=bob-flow", "/pipelines/bob-task" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 404, $"{path} answered {response.Status}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        }
    }
}

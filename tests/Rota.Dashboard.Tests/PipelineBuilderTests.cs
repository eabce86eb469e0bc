using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Rota.Pipelines;
using Rota.Server.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

/// <summary>The visual pipeline builder: step cards filled in the browser, reordered by drag and drop, by keyboard and
/// without JavaScript, the live graph and field errors, saving through the API's rules, and the round trip. The tests
/// work as their own user "pat" (password as bob's), so the pipelines they store change no other test's counts.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PipelineBuilderTests(DashboardServer server)
{
    private static ILocator Cards(IPage page) => page.Locator("#step-list > li.step-card");

    private static Task<string[]> StepNamesAsync(IPage page) =>
        page.Locator("#step-list input[data-step-name]").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");

    private const string User = "pat", UserTask = "pat-task";
    private static readonly SemaphoreSlim UserLock = new(1, 1);
    private static readonly Dictionary<DashboardServer, string> Tokens = [];

    /// <summary>An API client for "pat", created on first use with a plain task a step can reference.</summary>
    private async Task<HttpClient> UserApiAsync()
    {
        await UserLock.WaitAsync();
        try
        {
            if (!Tokens.TryGetValue(server, out var token))
            {
                var user = await server.Store.UserGet(User) ?? await server.Accounts.CreateAsync(User, Rota.Storage.UserRow.UserRole, DashboardServer.BobPassword, default);
                token = (await server.Accounts.CreateTokenAsync(user, "builder-tests", null, default)).Secret;
                using var first = Client(token);
                using var created = await first.PostAsync("/api/v1/tasks", new StringContent($$"""{"name":"{{UserTask}}","handler":"noop"}""", Encoding.UTF8, "application/json"));
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
                Tokens[server] = token;
            }
            return Client(token);
        }
        finally
        {
            UserLock.Release();
        }
    }

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string? theme = null, bool bypassCsp = false)
    {
        (await UserApiAsync()).Dispose();
        return await server.SignedInAsync(User, theme, bypassCsp);
    }

    private async Task PutPipelineAsync(string name, string json)
    {
        using var http = await UserApiAsync();
        using var response = await http.PutAsync($"/api/v1/pipelines/{name}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonObject> GetPipelineAsync(string name)
    {
        using var http = await UserApiAsync();
        return (JsonObject)JsonNode.Parse(await http.GetStringAsync($"/api/v1/pipelines/{name}"))!;
    }

    /// <summary>Presses the mouse on <paramref name="handle"/> and releases it near the top of <paramref name="target"/>, with
    /// both in view first (locator.DragToAsync scrolls between press and move, which ends a native drag before it starts).</summary>
    private static async Task DragAsync(IPage page, ILocator handle, ILocator target)
    {
        await target.EvaluateAsync("t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 20)");
        var from = (await handle.BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + 5, from.Y - 20, new() { Steps = 5 });
        await page.Mouse.MoveAsync(to.X + 60, to.Y + 10, new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    private async Task<PipelineDefinition> StoredAsync(string name) => PipelineTasks.FromTask((await server.Store.TaskGet(name))!.Definition)!;

    [Fact]
    public async Task Builder_FourStepsWithFanOutWhenAndContinue_DraggedStep4AboveStep3_SavedDefinitionMatches()
    {
        var (context, page) = await SignedInAsync();
        await using var session = context;
        await page.GotoAsync("/pipelines/new");
        await Expect(page.Locator("form[data-builder-ready]")).ToHaveCountAsync(1);
        await page.Locator("#pipeline-name").FillAsync("pat-built");
        // The example: fetch; transform and report both after fetch (the fan-out pair).
        Assert.Equal(["fetch", "transform", "report"], await StepNamesAsync(page));
        await Cards(page).Nth(1).GetByLabel("Continue on failure").CheckAsync();
        await Cards(page).Nth(2).GetByLabel("Continue on failure").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add step" }).ClickAsync();
        await Expect(Cards(page)).ToHaveCountAsync(4);
        // The post-back kept what was entered.
        await Expect(page.Locator("#pipeline-name")).ToHaveValueAsync("pat-built");
        await Expect(Cards(page).Nth(1).GetByLabel("Continue on failure")).ToBeCheckedAsync();
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 4 added.");

        var fourth = Cards(page).Nth(3);
        await fourth.GetByLabel("Step name").FillAsync("publish");
        await fourth.GetByLabel("an existing task").CheckAsync();
        await fourth.GetByLabel("Task", new() { Exact = true }).SelectOptionAsync("pat-task");
        await fourth.GetByLabel("Timeout").FillAsync("2m");
        await fourth.GetByLabel("the steps ticked below").CheckAsync();
        await fourth.GetByRole(AriaRole.Checkbox, new() { Name = "transform", Exact = true }).CheckAsync();
        await fourth.GetByRole(AriaRole.Checkbox, new() { Name = "report", Exact = true }).CheckAsync();
        await fourth.GetByLabel("Run only when").FillAsync("steps.transform.status == 'succeeded'");
        await fourth.GetByRole(AriaRole.Button, new() { Name = "Add a parameter to step 4" }).ClickAsync();
        fourth = Cards(page).Nth(3);
        await Expect(fourth.GetByLabel("Run only when")).ToHaveValueAsync("steps.transform.status == 'succeeded'");
        await fourth.GetByLabel("Parameter 1 name").FillAsync("channel");
        await fourth.GetByLabel("Parameter 1 value").FillAsync("ops");
        await fourth.GetByRole(AriaRole.Button, new() { Name = "Add a parameter to step 4" }).ClickAsync();
        fourth = Cards(page).Nth(3);
        await fourth.GetByLabel("Parameter 2 name").FillAsync("limit");
        await fourth.GetByLabel("Parameter 2 type").SelectOptionAsync("json");
        await fourth.GetByLabel("Parameter 2 value").FillAsync("5");

        // A real mouse drag (HTML5 drag and drop) of step 4's handle onto the top half of step 3.
        await DragAsync(page, fourth.Locator("[data-drag-handle]"), Cards(page).Nth(2));
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 4 moved to position 3.");
        Assert.Equal(["fetch", "transform", "publish", "report"], await StepNamesAsync(page));
        await Expect(Cards(page).Nth(2).Locator(".step-number")).ToHaveTextAsync("3");
        await Expect(page.Locator("#builder-preview .builder-preview-body")).ToHaveAttributeAsync("data-valid", "true");
        await Expect(page.Locator("#builder-preview svg g.graph-node")).ToHaveCountAsync(4);
        await Expect(page.Locator("#builder-preview svg path.graph-edge[data-from='report'][data-to='publish']")).ToHaveCountAsync(1);
        await page.Locator("#builder-save").ClickAsync();

        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/pipelines/pat-built");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        var api = await GetPipelineAsync("pat-built");
        var steps = api["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["fetch", "transform", "publish", "report"], steps);
        var stored = await StoredAsync("pat-built");
        Assert.Equal(User, stored.Owner);
        Assert.Null(stored.Steps[0].After);
        Assert.Equal(["fetch"], stored.Steps[1].After!);
        Assert.True(stored.Steps[1].ContinueOnFailure);
        Assert.False(stored.Steps[3].ContinueOnFailure);
        Assert.Equal(["fetch"], stored.Steps[3].After!);
        var publish = stored.Steps[2];
        Assert.Equal("pat-task", publish.Task);
        Assert.Null(publish.Handler);
        Assert.Equal(["transform", "report"], publish.After!);
        Assert.Equal("steps.transform.status == 'succeeded'", publish.When);
        Assert.Equal(TimeSpan.FromMinutes(2), publish.Timeout);
        Assert.Equal("""{"channel":"ops","limit":5}""", publish.Parameters.ToJsonString());
        var task = (await server.Store.TaskGet("pat-built"))!;
        Assert.Equal("0 3 * * *", (await server.Store.ScheduleList(new Rota.Storage.ScheduleListParams(task.Id))).Single().Definition.Specs[0].Cron);
    }

    [Fact]
    public async Task Builder_KeyboardUpButtons_MoveWithoutReload_FocusStaysOnMovedCard()
    {
        await PutPipelineAsync("pat-keys", """{"name":"pat-keys","steps":[{"name":"a","handler":"noop"},{"name":"b","handler":"noop"},{"name":"c","handler":"noop"}]}""");
        var (context, page) = await SignedInAsync();
        await using var session = context;
        await page.GotoAsync("/pipelines/pat-keys/edit");
        await Expect(page.Locator("form[data-builder-ready]")).ToHaveCountAsync(1);
        var key = await Cards(page).Nth(2).GetAttributeAsync("data-step-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move step 3 up" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 3 moved to position 2.");
        await Expect(page.Locator($"#step-{key}-up")).ToBeFocusedAsync();
        Assert.Equal(["a", "c", "b"], await StepNamesAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 2 moved to position 1.");
        // At the top "Up" is disabled, so the focus moves to the same card's "Down".
        await Expect(page.Locator($"#step-{key}-up")).ToBeDisabledAsync();
        await Expect(page.Locator($"#step-{key}-down")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move step 1 down" })).ToHaveIdAsync($"step-{key}-down");
        await page.Locator("#builder-save").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/pipelines/pat-keys");
        Assert.Equal(["c", "a", "b"], (await StoredAsync("pat-keys")).Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Builder_WithoutJavaScript_UpButtonPostsBack_KeepsValuesAndFocus_SaveStoresOrder()
    {
        await PutPipelineAsync("pat-nojs", """{"name":"pat-nojs","steps":[{"name":"x","handler":"noop"},{"name":"y","handler":"noop"},{"name":"z","handler":"noop"}]}""");
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await DashboardServer.SignInAsync(context, User, DashboardServer.BobPassword);
        await page.GotoAsync("/pipelines/pat-nojs/edit");
        await Expect(page.Locator("form[data-builder-ready]")).ToHaveCountAsync(0);
        var key = await Cards(page).Nth(2).GetAttributeAsync("data-step-key");
        await page.Locator("#pipeline-description").FillAsync("kept across the post-back");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move step 3 up" }).ClickAsync();
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 3 moved to position 2.");
        Assert.Equal(["x", "z", "y"], await StepNamesAsync(page));
        await Expect(page.Locator("#pipeline-description")).ToHaveValueAsync("kept across the post-back");
        await Expect(page.Locator($"#step-{key}-up")).ToBeFocusedAsync();
        // Duplicate then remove, also by post-back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Duplicate step 1" }).ClickAsync();
        Assert.Equal(["x", "x-2", "z", "y"], await StepNamesAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove step 2" }).ClickAsync();
        await Expect(page.Locator("#builder-status")).ToHaveTextAsync("Step 2 (x-2) removed.");
        Assert.Equal(["x", "z", "y"], await StepNamesAsync(page));
        await Expect(page.Locator("#builder-preview svg g.graph-node")).ToHaveCountAsync(3);
        await page.Locator("#builder-save").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/pipelines/pat-nojs");
        var stored = await StoredAsync("pat-nojs");
        Assert.Equal(["x", "z", "y"], stored.Steps.Select(s => s.Name));
        Assert.Equal("kept across the post-back", stored.Description);
    }

    [Fact]
    public async Task Builder_InvalidWhen_ErrorAtItsStepWithPosition_NothingStored_CycleMarkedInGraph()
    {
        var (context, page) = await SignedInAsync();
        await using var session = context;
        await page.GotoAsync("/pipelines/new");
        await Expect(page.Locator("form[data-builder-ready]")).ToHaveCountAsync(1);
        await page.Locator("#pipeline-name").FillAsync("pat-badwhen");
        var second = Cards(page).Nth(1);
        var key = await second.GetAttributeAsync("data-step-key");
        await second.GetByLabel("Run only when").FillAsync("steps.fetch.status == ");
        // Live: the problem appears next to the field, with the position marked, and the card's graph box is flagged.
        var slot = page.Locator($"#step-{key}-when-error");
        await Expect(slot).ToContainTextAsync("position 22");
        await Expect(slot.Locator("mark.expression-mark")).ToHaveCountAsync(1);
        await Expect(second.GetByLabel("Run only when")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#builder-preview svg g.graph-node.has-error[data-step='transform']")).ToHaveCountAsync(1);

        await page.Locator("#builder-save").ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Step 2 (transform), when");
        await Expect(page.Locator($"#step-{key}-when-error")).ToContainTextAsync("expression:");
        await Expect(Cards(page).Nth(1).GetByLabel("Run only when")).ToHaveValueAsync("steps.fetch.status ==");
        Assert.Null(await server.Store.TaskGet("pat-badwhen"));

        // Moving "fetch" (which the others wait for) below "report" makes it wait for report: a cycle, marked live.
        await Cards(page).Nth(1).GetByLabel("Run only when").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move step 1 down" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move step 2 down" }).ClickAsync();
        Assert.Equal(["transform", "report", "fetch"], await StepNamesAsync(page));
        await Expect(page.Locator("#builder-preview .preview-errors")).ToContainTextAsync("cycle");
        await Expect(page.Locator("#builder-preview svg path.graph-edge-error")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator($"#{PipelineBuilderErrors.StepsSection}-error")).ToContainTextAsync("cycle");
        await page.Locator("#builder-save").ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("cycle");
        Assert.Null(await server.Store.TaskGet("pat-badwhen"));
    }

    [Fact]
    public async Task Builder_OtherUsersPipeline_EditorAnswers404_PreviewDoesNotReadIt()
    {
        var (context, page) = await SignedInAsync();
        await using var session = context;
        foreach (var path in new[] { "/pipelines/bob-flow/edit", "/pipelines/bob-flow/edit?view=text" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("#step-list")).ToHaveCountAsync(0);
        }
        await page.GotoAsync("/pipelines/new");
        var answer = await page.EvaluateAsync<string>("""
            async () => {
              const form = document.getElementById('pipeline-form');
              const data = new FormData(form);
              data.set('b.route', 'bob-flow');
              data.set('b.name', 'bob-flow');
              const r = await fetch('/ui/pipelines/preview', { method: 'POST', body: data });
              return r.status + ' ' + await r.text();
            }
            """);
        Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
        Assert.Contains("There is no pipeline &#x27;bob-flow&#x27; to change.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("data-step=\"only\"", answer, StringComparison.Ordinal);
        var withoutToken = await page.EvaluateAsync<int>("""
            async () => {
              const data = new FormData(document.getElementById('pipeline-form'));
              data.delete('__RequestVerificationToken');
              return (await fetch('/ui/pipelines/preview', { method: 'POST', body: data })).status;
            }
            """);
        Assert.Equal(400, withoutToken);
    }

    [Fact]
    public async Task Builder_OpenAndSaveUnchanged_DefinitionIdenticalThroughTheApi()
    {
        await PutPipelineAsync("pat-round", """
            {"name":"pat-round","description":"Round trip","enabled":false,
             "schedules":[{"name":"nightly","cron":"15 2 * * *","time_zone":"Europe/Berlin"},{"name":"often","every":"15m","enabled":false}],
             "steps":[
               {"name":"start","handler":"noop","parameters":{"n":42,"flag":true,"text":"42","obj":{"a":[1,2]}},"timeout":"1500ms",
                "retry":{"attempts":4,"backoff":"10s","factor":1.5,"max_backoff":"2m","jitter":false,"retry_permanent":true}},
               {"name":"side","handler":"noop","after":[]},
               {"name":"use-task","task":"pat-task","after":["start","side"],"when":"steps.start.status == 'succeeded'","continue_on_failure":true},
               {"name":"end","handler":"noop"}]}
            """);
        var before = await GetPipelineAsync("pat-round");
        var task = (await server.Store.TaskGet("pat-round"))!;
        var textBefore = PipelineText.Of(task, [.. (await server.Store.ScheduleList(new Rota.Storage.ScheduleListParams(task.Id))).Select(s => s.Definition)]);
        var (context, page) = await SignedInAsync();
        await using var session = context;
        await page.GotoAsync("/pipelines/pat-round/edit");
        await Expect(page.Locator("#builder-preview .builder-preview-body")).ToHaveAttributeAsync("data-valid", "true");
        await page.Locator("#builder-save").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/pipelines/pat-round");
        // The store keeps the version when the definition it is given is the one it has.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved (version 1)");
        var after = await GetPipelineAsync("pat-round");
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        task = (await server.Store.TaskGet("pat-round"))!;
        var textAfter = PipelineText.Of(task, [.. (await server.Store.ScheduleList(new Rota.Storage.ScheduleListParams(task.Id))).Select(s => s.Definition)]);
        Assert.Equal(textBefore, textAfter);
        Assert.Contains("\"retry_permanent\": true", textAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_BuilderToTextAndBack_EditTheSameDefinition_UnsupportedTextStaysText()
    {
        var (context, page) = await SignedInAsync();
        await using var session = context;
        await page.GotoAsync("/pipelines/new");
        await page.Locator("#pipeline-name").FillAsync("pat-tabs");
        await Cards(page).Nth(2).GetByLabel("Step name").FillAsync("notify");
        await page.Locator("#tab-text").ClickAsync();
        var text = page.GetByLabel("Definition");
        await Expect(text).ToContainTextAsync("\"name\": \"pat-tabs\"");
        await Expect(text).ToContainTextAsync("\"notify\"");
        var json = JsonNode.Parse(await text.InputValueAsync())!.AsObject();
        json["steps"]!.AsArray().Add(new JsonObject { ["name"] = "archive", ["handler"] = "noop", ["after"] = new JsonArray("notify") });
        await text.FillAsync(json.ToJsonString());
        await page.Locator("#tab-builder").ClickAsync();
        Assert.Equal(["fetch", "transform", "notify", "archive"], await StepNamesAsync(page));
        await Expect(Cards(page).Nth(3).GetByRole(AriaRole.Checkbox, new() { Name = "notify", Exact = true })).ToBeCheckedAsync();

        await page.Locator("#tab-text").ClickAsync();
        await page.GetByLabel("Definition").FillAsync("name: pat-tabs\nsteps:\n  - name: a\n    handler: noop\n    queue: fast\n");
        await page.Locator("#tab-builder").ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("steps[0].queue");
        await Expect(page.GetByLabel("Definition")).ToContainTextAsync("queue: fast");
        Assert.Null(await server.Store.TaskGet("pat-tabs"));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Builder_WithAProblemShown_NoSeriousAxeViolations_Screenshot(string theme)
    {
        var (context, page) = await server.SignedInAsync("admin", theme, bypassCsp: true);
        await using var session = context;
        await page.GotoAsync($"/pipelines/{DashboardServer.AdminPipelineName}/edit");
        await Expect(page.Locator("form[data-builder-ready]")).ToHaveCountAsync(1);
        await Cards(page).Nth(3).GetByLabel("Run only when").FillAsync("steps.extract.status = 'failed'");
        await Expect(page.Locator(".field-error mark.expression-mark")).ToHaveCountAsync(1);
        var violations = await AxeTests.ViolationsAsync(page);
        Assert.True(violations.Length == 0, string.Join("\n", violations));
        await server.ScreenshotAsync(page, $"pipeline-builder-{theme}");
        Directory.CreateDirectory(server.ScreenshotDirectory);
        await Cards(page).Nth(3).ScreenshotAsync(new() { Path = Path.Combine(server.ScreenshotDirectory, $"pipeline-builder-card-{theme}.png") });
        await page.Locator(".builder-preview").ScreenshotAsync(new() { Path = Path.Combine(server.ScreenshotDirectory, $"pipeline-builder-graph-{theme}.png") });
    }
}

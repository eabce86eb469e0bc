using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rota.Configuration;
using Rota.Storage;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

/// <summary>The task editor with every schedule and policy: a rota.yaml task saved unchanged keeps its definition, a
/// second schedule shows its fires, errors land on the row's field, rows are added without JavaScript, a user edits
/// only their own tasks, and the page is accessible in both themes.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TaskEditorTests(DashboardServer server)
{
    /// <summary>Three schedules (cron list with exclusions, every with a window, one-off plus after-completion) and a
    /// non-default value for every policy.</summary>
    private const string RichYaml = """
        tasks:
          - name: carol-up-a
            handler: noop
            owner: carol
          - name: carol-up-b
            handler: noop
            owner: carol
          - name: carol-rich
            handler: noop
            description: Every policy at once
            owner: carol
            parameters: { url: "https://example.test/a", depth: 2 }
            queue: slow
            priority: 7
            timeout: 90s
            retry: { attempts: 5, backoff: 10s, factor: 1.5, max_backoff: 5m, jitter: false, retry_permanent: true }
            overlap: allow_all(3)
            terminate_grace: 45s
            misfire: { policy: all, max_catchup: 12, catchup_window: 2h, grace: 20s }
            min_spacing: 4h
            retention: { keep_succeeded: 10, keep_failed: 20, max_age: 30d }
            pause_after_failures: 4
            enabled: false
            paused_reason: maintenance window
            tags: [reports, nightly]
            depends_on:
              - { task: carol-up-a, on: failed }
              - { task: carol-up-b, on: finished }
            depends_all: true
            schedules:
              - name: nightly
                cron: ["30 2 * * 1-5", "0 4 * * 0"]
                time_zone: Europe/Berlin
                jitter: 1m
                exclude_dates: [2026-12-25, 2026-12-26]
                parameters: { mode: full }
              - name: often
                every: 15m
                phase: 5m
                start_at: 2026-01-01T00:00:00Z
                end_at: 2030-01-01T00:00:00Z
                max_runs: 1000
                enabled: false
              - name: once
                at: 2030-06-01T09:00:00Z
                after_completion: 10m
        """;

    private HttpClient Api(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<string> TokenAsync(string user) =>
        (await server.Accounts.CreateTokenAsync((await server.Store.UserGet(user))!, "editor-test-" + Guid.NewGuid().ToString("N")[..8], null, default)).Secret;

    private static async Task<string> GetTextAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private static string Normalized(Rota.Tasks.TaskDefinition d) => DefinitionJson.Serialize(d with { Origin = Rota.Tasks.TaskOrigin.Api });

    [Fact]
    public async Task RotaYamlTask_ThreeSchedulesAndEveryPolicy_SavedUnchanged_SameDefinitionThroughTheApi()
    {
        foreach (var task in ConfigLoader.Parse(RichYaml, "yaml", "rota.yaml", server.Engine.HandlerKinds.ToHashSet()).Tasks)
            await server.Engine.Client.ApplyAsync(task);
        using var api = Api(await TokenAsync("carol"));
        var before = await GetTextAsync(api, "/api/v1/tasks/carol-rich/definition");
        var beforeView = JsonDocument.Parse(await GetTextAsync(api, "/api/v1/tasks/carol-rich")).RootElement;
        var stored = (await server.Store.TaskGet("carol-rich"))!;
        Assert.Equal(Rota.Tasks.TaskOrigin.Config, stored.Definition.Origin);

        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        await page.GotoAsync("/tasks/carol-rich/edit");
        await Expect(page.Locator("#loses-settings")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#f-schedules-0-cron")).ToHaveValueAsync("30 2 * * 1-5; 0 4 * * 0");
        await Expect(page.Locator("#f-schedules-2-kind")).ToHaveValueAsync("several");
        await Expect(page.Locator("#f-overlap")).ToHaveValueAsync("allow_all");
        await Expect(page.Locator("#f-overlap-max")).ToHaveValueAsync("3");
        await Expect(page.Locator("#f-misfire-catchup_window")).ToHaveValueAsync("2h");
        await Expect(page.Locator("#f-depends_on-1-on")).ToHaveValueAsync("finished");
        await Expect(page.Locator("#f-schedules-0-explained")).ToContainTextAsync("Next:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("#form-errors")).ToHaveCountAsync(0);
        await Expect(page.Locator("#confirm-save")).ToContainTextAsync("Save task 'carol-rich'?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Task 'carol-rich' saved.");

        var saved = (await server.Store.TaskGet("carol-rich"))!;
        Assert.Equal(stored.Version + 1, saved.Version);
        Assert.Equal(before, await GetTextAsync(api, "/api/v1/tasks/carol-rich/definition"));
        Assert.Equal(Normalized(stored.Definition), Normalized(saved.Definition));
        var afterView = JsonDocument.Parse(await GetTextAsync(api, "/api/v1/tasks/carol-rich")).RootElement;
        Assert.Equal(beforeView.GetProperty("schedules").GetRawText(), afterView.GetProperty("schedules").GetRawText());
    }

    [Fact]
    public async Task User_AddsSecondSchedule_BothFireOnTheTaskPageAndInTheApi_OtherUsersEditorIs404()
    {
        await server.Engine.Client.ApplyAsync(ConfigLoader.ParseTask(
            """{"name":"bob-two","handler":"noop","owner":"bob","cron":"0 6 * * *","time_zone":"Europe/London"}""", "test", server.Engine.HandlerKinds.ToHashSet(), Rota.Tasks.TaskOrigin.Api));
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        Assert.Equal(404, (await page.GotoAsync("/tasks/alice-toggle/edit"))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();

        await page.GotoAsync("/tasks/bob-two/edit");
        await page.GetByLabel("Description").FillAsync("two schedules");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add schedule" }).ClickAsync();
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("two schedules");
        await Expect(page.Locator("#f-schedules-1-time_zone")).ToHaveValueAsync("Europe/London");
        await page.Locator("#f-schedules-1-name").FillAsync("twice-daily");
        await page.Locator("#f-schedules-1-kind").SelectOptionAsync("every");
        // Only the chosen kind's trigger fields are shown (task-form.js), and the row is explained as it is typed.
        await Expect(page.Locator("#f-schedules-1-cron")).ToBeHiddenAsync();
        await page.Locator("#f-schedules-1-every").FillAsync("12h");
        await Expect(page.Locator("#f-schedules-1-explained .ok-text")).ToContainTextAsync("every 12h");
        await Expect(page.Locator("#f-schedules-1-explained")).ToContainTextAsync("Next:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Task 'bob-two' saved.");
        var fires = page.Locator("ol.fires");
        await Expect(fires).ToContainTextAsync(", default)");
        await Expect(fires).ToContainTextAsync(", twice-daily)");

        using var api = Api(await TokenAsync("bob"));
        var view = JsonDocument.Parse(await GetTextAsync(api, "/api/v1/tasks/bob-two")).RootElement;
        Assert.Equal(["default", "twice-daily"], view.GetProperty("schedules").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(view.GetProperty("schedules").EnumerateArray(), s => Assert.Equal(JsonValueKind.String, s.GetProperty("next_fire_at").ValueKind));
        var next = JsonDocument.Parse(await GetTextAsync(api, "/api/v1/tasks/bob-two/next?count=30")).RootElement;
        var names = next.GetProperty("fires").EnumerateArray().Select(f => f.GetProperty("schedule").GetString()).ToHashSet();
        Assert.Equal(["default", "twice-daily"], names.Order());
        Assert.Equal("bob", (await server.Store.TaskGet("bob-two"))!.Definition.Owner);
    }

    [Fact]
    public async Task InvalidTimeZoneInSecondRow_ErrorOnThatField_NothingStored()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        await page.GotoAsync("/tasks/new?template=http");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("carol-zones");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add schedule" }).ClickAsync();
        await page.Locator("#f-schedules-1-cron").FillAsync("0 9 * * *");
        await page.Locator("#f-schedules-1-time_zone").FillAsync("Mars/Olympus");
        await Expect(page.Locator("#f-schedules-1-explained .error-text")).ToContainTextAsync("Mars/Olympus");
        await page.Locator("#f-retry-attempts").FillAsync("0");
        // Enter in a field checks the form (the off-screen default button), it does not press a row's Remove button.
        await page.Locator("#f-retry-attempts").PressAsync("Enter");
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("nothing was saved");
        await Expect(page.Locator("#form-errors a[href='#f-schedules-1-time_zone']")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-schedules-1-time_zone-err")).ToContainTextAsync("Mars/Olympus");
        await Expect(page.Locator("#f-schedules-1-time_zone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-schedules-0-time_zone-err")).ToHaveCountAsync(0);
        await Expect(page.Locator("#f-retry-attempts-err")).ToContainTextAsync("at least 1");
        // Entered values are kept.
        await Expect(page.Locator("#f-schedules-1-time_zone")).ToHaveValueAsync("Mars/Olympus");
        await Expect(page.Locator("#f-schedules-1-cron")).ToHaveValueAsync("0 9 * * *");
        await Expect(page.Locator("#confirm-save")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(2);
        await server.ScreenshotAsync(page, "task-editor-errors-light");
        Assert.Null(await server.Store.TaskGet("carol-zones"));
    }

    [Fact]
    public async Task WithoutJavaScript_AddAndRemoveRows_KeepTypedValues_ThenSaves()
    {
        var (context, page) = await server.SignedInAsync("carol", javaScript: false);
        await using var session = context;
        await page.GotoAsync("/tasks/new?template=http");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("carol-nojs");
        await page.GetByLabel("Description").FillAsync("typed before adding");
        await page.Locator("#f-schedules-0-cron").FillAsync("15 7 * * *");
        await page.Locator("#f-schedules-0-time_zone").FillAsync("Asia/Tokyo");
        await page.Locator("#f-timeout").FillAsync("2m");
        await page.Locator("#f-priority").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add schedule" }).ClickAsync();
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("carol-nojs");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("typed before adding");
        await Expect(page.Locator("#f-schedules-0-cron")).ToHaveValueAsync("15 7 * * *");
        await Expect(page.Locator("#f-schedules-0-time_zone")).ToHaveValueAsync("Asia/Tokyo");
        await Expect(page.Locator("#f-timeout")).ToHaveValueAsync("2m");
        await Expect(page.Locator("#f-priority")).ToHaveValueAsync("3");
        await Expect(page.Locator("#f-schedules-1-time_zone")).ToHaveValueAsync("Asia/Tokyo");
        // Without JavaScript every trigger field is shown; the server explains the rows it rendered.
        await Expect(page.Locator("#f-schedules-1-every")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-schedules-0-explained")).ToContainTextAsync("Next:");
        await page.Locator("#f-schedules-1-kind").SelectOptionAsync("every");
        await page.Locator("#f-schedules-1-every").FillAsync("30m");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add upstream" }).ClickAsync();
        await Expect(page.Locator("#f-schedules-1-every")).ToHaveValueAsync("30m");
        await page.Locator("#f-depends_on-0-task").FillAsync("carol-quick");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove schedule 1" }).ClickAsync();
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#f-schedules-0-every")).ToHaveValueAsync("30m");
        await Expect(page.Locator("#f-depends_on-0-task")).ToHaveValueAsync("carol-quick");
        Assert.Null(await server.Store.TaskGet("carol-nojs"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks/carol-nojs"));
        var saved = (await server.Store.TaskGet("carol-nojs"))!;
        Assert.Equal(("carol", 3, TimeSpan.FromMinutes(2)), (saved.Definition.Owner, saved.Definition.Priority, saved.Definition.Timeout));
        Assert.Equal("carol-quick", Assert.Single(saved.Definition.DependsOn).Task);
        var schedule = Assert.Single(await server.Store.ScheduleList(new ScheduleListParams(saved.Id)));
        Assert.Equal(TimeSpan.FromMinutes(30), Assert.Single(schedule.Definition.Specs).Interval);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Editor_EveryFieldShown_NoSeriousAxeViolations_Screenshot(string theme)
    {
        var name = "admin-editor-" + theme;
        var rich = Rota.TestSupport.TestTasks.RichTask.Replace("\"rich\"", $"\"{name}\"", StringComparison.Ordinal)
            .Replace("\"owner\":\"alice\",", "", StringComparison.Ordinal).Replace("\"handler\":\"http\"", "\"handler\":\"noop\"", StringComparison.Ordinal)
            .Replace("up-a", "admin-report", StringComparison.Ordinal).Replace("up-b", "bob-task", StringComparison.Ordinal);
        await server.Engine.Client.ApplyAsync(ConfigLoader.ParseTask(rich, "test", server.Engine.HandlerKinds.ToHashSet(), Rota.Tasks.TaskOrigin.Api));
        var (context, page) = await server.SignedInAsync("admin", theme, bypassCsp: true);
        await using var session = context;
        await page.GotoAsync($"/tasks/{name}/edit");
        await Expect(page.Locator("[data-schedule-row]")).ToHaveCountAsync(3);
        await page.Locator("#f-schedules-1-time_zone").FillAsync("Nowhere/Else");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("#f-schedules-1-time_zone-err")).ToBeVisibleAsync();
        var violations = await AxeTests.ViolationsAsync(page);
        Assert.True(violations.Length == 0, string.Join("\n", violations));
        await server.ScreenshotAsync(page, $"task-editor-{theme}");
    }
}

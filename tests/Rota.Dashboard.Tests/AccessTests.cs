using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AccessTests(DashboardServer server)
{
    [Fact]
    public async Task Alice_AdminPages_Answer403()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        foreach (var path in new[] { "/audit", "/users", $"/confirm?action=queue-pause&queue={DashboardServer.BatchQueue}" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admins only" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Alice_OtherUsersTasksAndRunsByDirectUrl_Answer404()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        foreach (var path in new[]
        {
            "/tasks/bob-task", "/tasks/admin-report", $"/runs/{server.BobRunId}", $"/runs/{server.AdminRunId}",
            "/confirm?action=task-run&task=bob-task", $"/confirm?action=run-cancel&run={server.BobRunId}",
        })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 404, $"{path} answered {response.Status}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        }
        var own = await page.GotoAsync("/tasks/alice-toggle");
        Assert.Equal(200, own!.Status);
    }

    [Fact]
    public async Task OpenApi_WithDashboard_ListsOnlyApiAndHealthRoutes()
    {
        await using var context = await server.NewContextAsync();
        var response = await context.APIRequest.GetAsync("/api/openapi/v1.json");
        Assert.Equal(200, response.Status);
        var paths = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!["paths"]!.AsObject().Select(p => p.Key).ToList();
        var other = paths.Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && p is not ("/healthz" or "/readyz" or "/metrics")).ToList();
        Assert.True(other.Count == 0, "dashboard routes leaked into the API document: " + string.Join(", ", other));
    }

    [Fact]
    public async Task Act_PostWithoutAntiforgeryToken_ChangesNothing()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        var form = context.APIRequest.CreateFormData();
        form.Set("action", "task-disable");
        form.Set("task", "alice-progress");
        form.Set("back", "/tasks");
        var response = await context.APIRequest.PostAsync("/ui/act", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Contains("error=", response.Headers["location"], StringComparison.Ordinal);
        Assert.True((await server.Store.TaskGet("alice-progress"))!.Definition.Enabled);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }
}

using Microsoft.Playwright;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ScreenshotTests(DashboardServer server)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPage_BothThemes_RendersWithoutOutsideRequests(string theme)
    {
        await using var context = await server.NewContextAsync(theme);
        var requests = new List<string>();
        var failures = new List<string>();
        context.Request += (_, r) => requests.Add(r.Url);
        var page = await DashboardServer.SignInAsync(context, "admin", DashboardServer.AdminPassword);
        // Documents may answer 404 on purpose (the not-found page); every asset must load, and no script may fail.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) failures.Add(m.Text); };
        page.Response += (_, r) => { if (r.Status >= 400 && r.Request.ResourceType != "document") failures.Add($"{r.Status} {r.Url}"); };
        Directory.CreateDirectory(server.ScreenshotDirectory);
        var pages = new (string Name, string Path)[]
        {
            ("overview", "/"), ("tasks", "/tasks"), ("task", "/tasks/admin-report"), ("runs", "/runs"), ("run", $"/runs/{server.AdminRunId}"),
            ("queues", "/queues"), ("nodes", "/nodes"), ("audit", "/audit"), ("users", "/users"),
            ("confirm", "/confirm?action=task-disable&task=admin-report&back=/tasks"), ("not-found", "/tasks/no-such-task"),
            ("error-banner", "/tasks?error=The+operation+failed%3A+example"),
        };
        foreach (var (name, path) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status is 200 or 404, $"{path} answered {response.Status}");
            Assert.Equal(theme, await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"{name}-{theme}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/tasks");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"tasks-mobile-{theme}.png"), FullPage = true });
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync([new Cookie { Name = "rota_theme", Value = theme, Url = server.BaseUrl }]);
        await page.GotoAsync("/login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"login-{theme}.png"), FullPage = true });

        var outside = requests.Where(u => !u.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the server: " + string.Join(", ", outside));
        Assert.True(failures.Count == 0, "failed assets or script errors: " + string.Join(" | ", failures));
    }
}

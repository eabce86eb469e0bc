using Microsoft.Playwright;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ScreenshotTests(DashboardServer server)
{
    /// <summary>Basic accessibility rules checked on every page: one h1, a main landmark, a labelled control for every
    /// input, named links and buttons, titled SVGs, and a lang attribute.</summary>
    private const string AccessibilityChecks = """
        () => {
          const p = [];
          if (document.querySelectorAll('h1').length !== 1) p.push('expected one h1, found ' + document.querySelectorAll('h1').length);
          if (!document.querySelector('main')) p.push('no main landmark');
          if (!document.documentElement.lang) p.push('no lang');
          for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea'))
            if (el.labels.length === 0 && !el.getAttribute('aria-label')) p.push('unlabelled ' + el.outerHTML.slice(0, 80));
          for (const el of document.querySelectorAll('a[href], button'))
            if (!(el.getAttribute('aria-label') || el.textContent.trim())) p.push('unnamed ' + el.outerHTML.slice(0, 80));
          for (const svg of document.querySelectorAll('svg[role=img]'))
            if (!svg.querySelector('title')) p.push('svg without title');
          return p;
        }
        """;

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPage_BothThemes_RendersWithoutOutsideRequests(string theme)
    {
        var requests = new List<string>();
        var failures = new List<string>();
        var (context, page) = await server.SignedInAsync("admin", theme);
        await using var session = context;
        context.Request += (_, r) => requests.Add(r.Url);
        // Documents may answer 404 on purpose (the not-found page); every asset must load, and no script may fail.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) failures.Add(m.Text); };
        page.Response += (_, r) => { if (r.Status >= 400 && r.Request.ResourceType != "document") failures.Add($"{r.Status} {r.Url}"); };
        Directory.CreateDirectory(server.ScreenshotDirectory);
        var pages = MainPages.For(server);
        foreach (var (name, path) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status is 200 or 404, $"{path} answered {response.Status}");
            Assert.Equal(theme, await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
            var problems = await page.EvaluateAsync<string[]>(AccessibilityChecks);
            Assert.True(problems.Length == 0, $"{path}: " + string.Join("; ", problems));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"{name}-{theme}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/tasks");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"tasks-mobile-{theme}.png"), FullPage = true });
        await page.GotoAsync("/sources");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"sources-mobile-{theme}.png"), FullPage = true });
        await page.GotoAsync("/tasks/new?template=http");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"task-form-mobile-{theme}.png"), FullPage = true });
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync([new Cookie { Name = "rota_theme", Value = theme, Url = server.BaseUrl }]);
        await page.GotoAsync("/login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDirectory, $"login-{theme}.png"), FullPage = true });

        var outside = requests.Where(u => !u.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the server: " + string.Join(", ", outside));
        Assert.True(failures.Count == 0, "failed assets or script errors: " + string.Join(" | ", failures));
    }
}

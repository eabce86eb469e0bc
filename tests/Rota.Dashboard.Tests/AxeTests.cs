using Microsoft.Playwright;

namespace Rota.Dashboard.Tests;

/// <summary>axe-core (the npm package, installed by ./test.sh into <c>tests/Rota.Dashboard.Tests/.axe</c>; nothing is
/// vendored into the product) injected into every main page, in both themes: no serious or critical violation of the
/// WCAG 2.1 A/AA rules.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AxeTests(DashboardServer server)
{
    public const string AxeVersion = "4.10.3";

    private const string RunAxe = """
        async () => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
          return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160) + ')').join('; '));
        }
        """;

    private static readonly Lazy<string> Script = new(Load);

    /// <summary>axe.min.js from <c>ROTA_AXE_JS</c>, or from the tests-local npm folder; a missing file fails with the command that installs it.</summary>
    private static string Load()
    {
        if (Environment.GetEnvironmentVariable("ROTA_AXE_JS") is { Length: > 0 } path) return File.ReadAllText(path);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rota.slnx"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? ".", "tests", "Rota.Dashboard.Tests", ".axe");
        var file = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(file))
            throw new InvalidOperationException($"axe-core is missing ({file}); install it with: npm install --prefix {folder} axe-core@{AxeVersion}  (./test.sh does this)");
        return File.ReadAllText(file);
    }

    internal static async Task<string[]> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        return await page.EvaluateAsync<string[]>(RunAxe);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task MainPages_BothThemes_NoSeriousOrCriticalViolations(string theme)
    {
        var problems = new List<string>();
        var (context, page) = await server.SignedInAsync("admin", theme, bypassCsp: true);
        await using (context)
        {
            foreach (var (_, path) in MainPages.For(server))
            {
                await page.GotoAsync(path);
                problems.AddRange((await ViolationsAsync(page)).Select(v => $"{path}: {v}"));
            }
        }
        await using var anonymous = await server.NewContextAsync(theme, bypassCsp: true);
        var login = await anonymous.NewPageAsync();
        await login.GotoAsync("/login");
        problems.AddRange((await ViolationsAsync(login)).Select(v => $"/login: {v}"));
        Assert.True(problems.Count == 0, $"{problems.Count} serious/critical axe violation(s) in the {theme} theme:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Axe_PageWithAnUnlabelledField_IsReported()
    {
        var (context, page) = await server.SignedInAsync("alice", bypassCsp: true);
        await using var session = context;
        await page.GotoAsync("/tasks");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')");
        var violations = await ViolationsAsync(page);
        Assert.Contains(violations, v => v.Contains("label", StringComparison.Ordinal));
    }
}

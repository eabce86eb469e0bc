using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardServer server)
{
    [Fact]
    public async Task SignIn_Admin_SeesEveryTaskAndTheAuditLog()
    {
        await using var context = await server.NewContextAsync();
        var page = await DashboardServer.SignInAsync(context, "admin", DashboardServer.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        // Every task in the store (other tests of this collection add some, so count them now).
        var total = (await server.Store.TaskList(new Rota.Storage.TaskListParams(null))).Count;
        Assert.True(total >= 8, $"seeded 8 tasks, found {total}");
        await Expect(page.Locator(".stat", new() { HasText = "Total Tasks" }).Locator(".value")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("tr[data-task='bob-task']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-task='alice-toggle']")).ToBeVisibleAsync();
        var audit = await page.GotoAsync("/audit");
        Assert.Equal(200, audit!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_AliceWithPassword_SeesOnlyHerTasks()
    {
        await using var context = await server.NewContextAsync();
        var page = await DashboardServer.SignInAsync(context, "alice", DashboardServer.AlicePassword);
        // Her tasks in the store: the 3 seeded, plus any another test of this collection (a pipeline's) gave her already.
        var mine = (await server.Store.TaskList(new Rota.Storage.TaskListParams("alice"))).Count;
        Assert.True(mine >= 3, $"seeded 3 tasks for alice, found {mine}");
        await Expect(page.Locator(".stat", new() { HasText = "Total Tasks" }).Locator(".value")).ToHaveTextAsync(mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("tr[data-task]")).ToHaveCountAsync(mine);
        await Expect(page.Locator("tr[data-task='bob-task']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignIn_WithApiToken_Works()
    {
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Token").FillAsync(server.AliceToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await Expect(page.Locator(".user")).ToHaveTextAsync("alice");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysSignedOut()
    {
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = await page.GotoAsync("/login");
        var headers = await login!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");
        await page.GotoAsync("/tasks");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task Pages_WithoutSession_RedirectToLogin_AndApiStillNeedsBearer()
    {
        await using var context = await server.NewContextAsync();
        var page = await DashboardServer.SignInAsync(context, "alice", DashboardServer.AlicePassword);
        var api = await context.APIRequest.GetAsync("/api/v1/tasks");
        Assert.Equal(401, api.Status);
        var health = await context.APIRequest.GetAsync("/healthz");
        Assert.Equal(200, health.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync("/runs");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fruns"));
        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DashboardServer.AlicePassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/runs");
    }

    [Fact]
    public async Task SignIn_WithTokenThenRevoked_SessionEnds()
    {
        var alice = (await server.Store.UserGet("alice"))!;
        var (row, secret) = await server.Accounts.CreateTokenAsync(alice, "revoke-test", null, TestContext.Current.CancellationToken);
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Token").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await server.Store.TokenRevoke(new Rota.Storage.TokenRevokeParams(row.Id, null, TimeProvider.System.GetUtcNow()));
        await page.GotoAsync("/tasks");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }
}

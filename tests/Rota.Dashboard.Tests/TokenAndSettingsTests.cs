using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Rota.Storage;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class TokenAndSettingsTests(DashboardServer server)
{
    private async Task<HttpStatusCode> ApiStatusAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetAsync("/api/v1/tasks")).StatusCode;
    }

    [Fact]
    public async Task CreateToken_ShownOnce_WorksForTheApi_ThenRevoked()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        await page.GotoAsync("/tokens");
        await page.GetByLabel("Name").FillAsync("bob-laptop");
        await page.GetByLabel("Expires in days").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.Locator("#new-token-card")).ToContainTextAsync("shown only this once");
        var secret = await page.Locator("#new-token").InputValueAsync();
        Assert.StartsWith("rota_", secret, StringComparison.Ordinal);
        await server.ScreenshotAsync(page, "token-created-light");
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(secret));

        await page.GotoAsync("/tokens");
        await Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("tr[data-token]", new() { HasText = "bob-laptop" });
        await Expect(row).ToContainTextAsync("active");
        await row.GetByRole(AriaRole.Link, new() { Name = "Revoke token bob-laptop" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'bob-laptop'");
        await Expect(page.Locator("tr[data-token]", new() { HasText = "bob-laptop" })).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(secret));
    }

    [Fact]
    public async Task CreateToken_WithoutName_ShowsTheErrorAndCreatesNothing()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        var bob = (await server.Store.UserGet("bob"))!;
        var before = (await server.Store.TokenList(new TokenListParams(bob.Id))).Count;
        await page.GotoAsync("/tokens");
        await page.GetByLabel("Name").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.Locator("#token-error")).ToContainTextAsync("Give the token a name");
        Assert.Equal(before, (await server.Store.TokenList(new TokenListParams(bob.Id))).Count);
    }

    [Fact]
    public async Task CreateToken_PostWithoutAntiforgeryToken_ChangesNothingAndShowsBanner()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        var bob = (await server.Store.UserGet("bob"))!;
        var before = (await server.Store.TokenList(new TokenListParams(bob.Id))).Count;
        var response = await page.APIRequest.PostAsync("/tokens", new()
        {
            Form = context.APIRequest.CreateFormData().Append("_handler", "create-token").Append("Posted.Name", "forged"),
            MaxRedirects = 0,
        });
        Assert.Equal(302, response.Status);
        Assert.StartsWith("/tokens?error=", response.Headers["location"], StringComparison.Ordinal);
        Assert.Equal(before, (await server.Store.TokenList(new TokenListParams(bob.Id))).Count);
    }

    [Fact]
    public async Task Tokens_UserSeesOnlyOwn_OtherUsersByDirectUrlRefused_AdminSeesAll()
    {
        var alice = (await server.Store.UserGet("alice"))!;
        var aliceToken = (await server.Store.TokenList(new TokenListParams(alice.Id))).First();
        var (context, page) = await server.SignedInAsync("bob");
        await using (context)
        {
            await page.GotoAsync("/tokens");
            await Expect(page.Locator("tr[data-token]", new() { HasText = "dashboard-test" })).ToHaveCountAsync(0);
            Assert.Equal(403, (await page.GotoAsync("/tokens?user=alice"))!.Status);
            Assert.Equal(404, (await page.GotoAsync($"/confirm?action=token-revoke&token={aliceToken.Id}"))!.Status);
        }
        Assert.Null((await server.Store.TokenGet(aliceToken.Id))!.RevokedAt);
        var (adminContext, adminPage) = await server.SignedInAsync("admin");
        await using (adminContext)
        {
            await adminPage.GotoAsync("/tokens");
            await Expect(adminPage.Locator($"tr[data-token='{aliceToken.Id}']")).ToContainTextAsync("alice");
            await adminPage.GotoAsync("/tokens?user=alice");
            await Expect(adminPage.Locator("tr[data-token]")).ToHaveCountAsync((await server.Store.TokenList(new TokenListParams(alice.Id))).Count);
        }
    }

    [Fact]
    public async Task Settings_AdminSeesEffectiveSettings_UserGets403()
    {
        var (context, page) = await server.SignedInAsync("admin");
        await using (context)
        {
            await page.GotoAsync("/settings");
            var main = page.Locator("main");
            await Expect(main).ToContainTextAsync("SQLite");
            await Expect(main).ToContainTextAsync("200ms");
            await Expect(main).ToContainTextAsync($"{DashboardServer.TriggerPermits} a minute");
            await Expect(main).ToContainTextAsync("allowed (ROTA_CRAWLER_ALLOW_LOOPBACK)");
            await Expect(main).ToContainTextAsync("not allowed");
            await Expect(main).ToContainTextAsync(server.BaseUrl);
            Assert.DoesNotContain("rota_", await main.InnerTextAsync(), StringComparison.Ordinal);
        }
        var (userContext, userPage) = await server.SignedInAsync("alice");
        await using (userContext)
        {
            Assert.Equal(403, (await userPage.GotoAsync("/settings"))!.Status);
            await Expect(userPage.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        }
    }
}

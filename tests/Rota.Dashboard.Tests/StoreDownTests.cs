using Microsoft.AspNetCore.Http;
using Rota.Server.Dashboard;

namespace Rota.Dashboard.Tests;

public sealed class StoreDownTests
{
    [Fact]
    public async Task DashboardPage_StoreUnavailable_AnswersFriendly503()
    {
        var middleware = new StoreDownMiddleware(_ => throw new RotaException("store.unavailable", "store: connection refused", isTransient: true));
        var http = new DefaultHttpContext();
        http.Request.Path = "/tasks";
        http.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(http);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.StartsWith("text/html", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("DENY", http.Response.Headers.XFrameOptions.ToString());
        http.Response.Body.Position = 0;
        var html = await new StreamReader(http.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The store is unavailable", html, StringComparison.Ordinal);
        Assert.Contains("store.unavailable", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRequest_StoreUnavailable_IsLeftToTheProblemMiddleware()
    {
        var middleware = new StoreDownMiddleware(_ => throw new RotaException("store.unavailable", "store: connection refused", isTransient: true));
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/v1/tasks";
        await Assert.ThrowsAsync<RotaException>(() => middleware.InvokeAsync(http));
    }
}

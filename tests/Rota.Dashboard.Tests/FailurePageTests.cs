using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Server.Dashboard;

namespace Rota.Dashboard.Tests;

public sealed class FailurePageTests
{
    [Fact]
    public async Task DashboardPage_StoreUnavailable_AnswersFriendly503()
    {
        var middleware = new FailurePageMiddleware(_ => throw new RotaException("store.unavailable", "store: connection refused", isTransient: true), NullLogger<FailurePageMiddleware>.Instance);
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
        var middleware = new FailurePageMiddleware(_ => throw new RotaException("store.unavailable", "store: connection refused", isTransient: true), NullLogger<FailurePageMiddleware>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/v1/tasks";
        await Assert.ThrowsAsync<RotaException>(() => middleware.InvokeAsync(http));
    }

    [Fact]
    public async Task DashboardPage_UnexpectedFailure_AnswersHtml500WithoutDetails()
    {
        var middleware = new FailurePageMiddleware(_ => throw new InvalidOperationException("secret internals"), NullLogger<FailurePageMiddleware>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Path = "/runs";
        http.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(http);
        Assert.Equal(500, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var html = await new StreamReader(http.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", html, StringComparison.Ordinal);
    }
}

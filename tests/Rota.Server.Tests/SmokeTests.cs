using System.Net;

namespace Rota.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Anonymous_Ok()
    {
        await using var s = await TestServer.StartAsync();
        var doc = await s.Anonymous.GetJsonAsync("/healthz");
        Assert.Equal("ok", doc.Str("status"));
    }
}

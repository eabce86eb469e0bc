using Rota.Crawler.Fetching;

namespace Rota.Crawler.Tests.Rules;

public sealed class FetchIdentityTests
{
    [Fact]
    public void SendsHeadersTo_OnlyTheFeedsOwnHost()
    {
        var identity = new FetchIdentity("Me/1", new Dictionary<string, string> { ["Cookie"] = "a=b" }, "blog.example");
        Assert.True(identity.SendsHeadersTo(new Uri("https://BLOG.example/post/1")));
        Assert.False(identity.SendsHeadersTo(new Uri("https://cdn.blog.example/post/1")));
        Assert.False(identity.SendsHeadersTo(new Uri("https://other.example/")));
        Assert.False(new FetchIdentity("Me/1", new Dictionary<string, string>(), "blog.example").SendsHeadersTo(new Uri("https://blog.example/")));
    }
}

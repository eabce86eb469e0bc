namespace Rota.Cli.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void RetryPolicy_DefaultBackoff_DoublesAndCaps()
    {
        var p = Tasks.RetryPolicy.Default with { Jitter = false };
        Assert.Equal(TimeSpan.FromSeconds(30), p.DelayBefore(2, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(60), p.DelayBefore(3, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(10), p.DelayBefore(10, 0.5));
    }
}

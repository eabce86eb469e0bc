using Rota.Configuration;

namespace Rota.Tests.Configuration;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("00:05:00", 300_000)]
    [InlineData("15", 15_000)]
    public void TryParse_WrittenForms_AreRead(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), d);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("5 minutes")]
    [InlineData("99999999999d")]
    [InlineData("1e300")]
    public void TryParse_NonsenseOrOutOfRange_IsFalseNotAnException(string text) =>
        Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_061_000, "1d1h1m1s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    public void Format_GivesTheShortFormBack(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}

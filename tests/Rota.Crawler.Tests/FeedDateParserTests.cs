using Rota.Crawler.Parsing.Dates;

namespace Rota.Crawler.Tests;

public sealed class FeedDateParserTests
{
    public static TheoryData<string, string> Readable => new()
    {
        // RFC 822 / 1123
        { "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
        { "Sat, 07 Sep 2002 00:00:01 +0200", "2002-09-06T22:00:01Z" },
        { "Sat, 7 Sep 2002 00:00:01 -05:30", "2002-09-07T05:30:01Z" },
        { "Sat, 07 Sep 2002 00:00 EST", "2002-09-07T05:00:00Z" },           // missing seconds, zone name
        { "Sun, 07 Sep 2002 10:00:00 PDT", "2002-09-07T17:00:00Z" },        // wrong day name
        { "07 Sep 2002 10:00:00 CEST", "2002-09-07T08:00:00Z" },            // no day name
        { "Sat, 07 Sep 02 00:00:01 GMT", "2002-09-07T00:00:01Z" },          // two-digit year
        { "Tue, 07 Sep 99 00:00:01 GMT", "1999-09-07T00:00:01Z" },
        { "Saturday, 07-Sep-2002 00:00:01 UT", "2002-09-07T00:00:01Z" },
        { "Sat, 07 September 2002 00:00:01 GMT+0100", "2002-09-06T23:00:01Z" },
        { "Sat Sep  7 00:00:01 PST 2002", "2002-09-07T08:00:01Z" },         // asctime order
        { "7 Sep 2002", "2002-09-07T00:00:00Z" },
        // ISO 8601 / RFC 3339 / W3C-DTF
        { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
        { "2003-12-31T10:14:55.123-08:00", "2003-12-31T18:14:55.123Z" },
        { "2003-12-31T10:14-08:00", "2003-12-31T18:14:00Z" },
        { "2003-12-31 10:14:55 +0100", "2003-12-31T09:14:55Z" },
        { "20031231T101455Z", "2003-12-31T10:14:55Z" },
        { "2003-12-31", "2003-12-31T00:00:00Z" },
        { "2003-12", "2003-12-01T00:00:00Z" },
        { "2003", "2003-01-01T00:00:00Z" },
        { "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Parse_KnownFormat_ReturnsUtcInstant(string text, string expected)
    {
        var parsed = FeedDateParser.Parse(text);
        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("Sat, 31 Feb 2002 00:00:01 GMT")]
    [InlineData("2003-13-01")]
    [InlineData("2003-12-31T25:00:00Z")]
    public void Parse_Unreadable_ReturnsNull(string text) => Assert.Null(FeedDateParser.Parse(text));
}

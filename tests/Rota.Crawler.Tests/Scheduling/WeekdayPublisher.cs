using System.Globalization;
using System.Text;

namespace Rota.Crawler.Tests.Scheduling;

/// <summary>A publisher that posts one item every weekday at a fixed UTC time; its RSS feed shows the newest posts
/// up to the (fake) clock's now, the way a real feed grows.</summary>
internal sealed class WeekdayPublisher(TimeSpan timeOfDay, int feedLength = 40)
{
    public IEnumerable<DateTimeOffset> PostsBefore(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        for (var i = 0; i < feedLength * 2; i++, day = day.AddDays(-1))
        {
            var at = day + timeOfDay;
            if (at > now || day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            yield return at;
        }
    }

    public string Rss(DateTimeOffset now)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Weekday</title><link>https://example.com/</link>");
        foreach (var at in PostsBefore(now).Take(feedLength))
            sb.Append(CultureInfo.InvariantCulture, $"<item><guid isPermaLink=\"false\">post-{at:yyyyMMddHHmm}</guid><title>Post {at:yyyy-MM-dd}</title><pubDate>{at:R}</pubDate></item>");
        return sb.Append("</channel></rss>").ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary><c>rota source schedule</c> and <c>rota source show</c> on a local store, with a feed whose posts come
/// weekdays at 09:10 UTC over the last four weeks.</summary>
public sealed class SourceScheduleCommandTests
{
    private static string WeekdayRss()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Weekday</title>");
        // The CLI runs on the real clock, so the posts must be recent by it.
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        for (var d = 1; d <= 28; d++)
        {
            var at = new DateTimeOffset(today.AddDays(-d).AddHours(9).AddMinutes(10), TimeSpan.Zero);
            if (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            sb.Append(CultureInfo.InvariantCulture, $"<item><guid>p{d}</guid><title>Post {d}</title><pubDate>{at:R}</pubDate></item>");
        }
        return sb.Append("</channel></rss>").ToString();
    }

    [Fact]
    public async Task ScheduleThenShow_PredictiveSource_ExplainsAndDrawsTheWeeklyProfile()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/weekday", 200, WeekdayRss(), "application/rss+xml");
        using var cli = new CliRunner();
        var id = JsonNode.Parse((await cli.Run("source", "add", server.Url("/weekday"), "--kind", "feed", "--allow-loopback", "--json")).Out)!["source"]!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, (await cli.Run("source", "crawl", id, "--allow-loopback")).Exit);

        var bad = await cli.Run("source", "schedule", id, "hourly");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("expected one of fixed, adaptive, predictive, default", bad.Err, StringComparison.Ordinal);
        var badInterval = await cli.Run("source", "schedule", id, "adaptive", "--interval", "2h");
        Assert.Contains("an interval applies only to the fixed mode", badInterval.Err, StringComparison.Ordinal);

        var set = await cli.Run("source", "schedule", id, "predictive");
        Assert.True(set.Exit == 0, set.Err);
        Assert.Contains($"source {id}: schedule predictive; next crawl", set.Out, StringComparison.Ordinal);
        Assert.Contains("posts mostly Mon–Fri 09:00–10:00 UTC", set.Out, StringComparison.Ordinal);

        var show = await cli.Run("source", "show", id);
        Assert.True(show.Exit == 0, show.Err);
        Assert.Contains("  schedule:      predictive", show.Out, StringComparison.Ordinal);
        string Row(string day) => show.Out.Split('\n').Single(l => l.TrimStart().StartsWith(day + "  ", StringComparison.Ordinal)).TrimStart()[5..];
        // Recent posts weigh more, so which weekday is darkest depends on today's weekday: every weekday's 09 UTC hour is
        // its darkest and near the top of the ramp, the darkest of all is at 09 on a weekday, and Saturday stays light.
        const string ramp = " .:-=+*#%@";
        var weekdays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }.Select(Row).ToList();
        foreach (var row in weekdays)
        {
            Assert.Equal(24, row.Length);
            Assert.True(ramp.IndexOf(row[9], StringComparison.Ordinal) >= ramp.IndexOf('#', StringComparison.Ordinal), row);
            Assert.All(row.Remove(9, 1), c => Assert.True(ramp.IndexOf(c, StringComparison.Ordinal) < ramp.IndexOf(row[9], StringComparison.Ordinal), row));
        }
        Assert.Contains(weekdays, row => row[9] == '@');
        Assert.DoesNotContain('@', Row("Sat"));

        var json = JsonNode.Parse((await cli.Run("source", "show", id, "--json")).Out)!;
        Assert.Equal(("predictive", "learned"), (json["schedule"]!["mode"]!.GetValue<string>(), json["schedule"]!["model"]!["state"]!.GetValue<string>()));
        Assert.Equal(7, json["schedule"]!["model"]!["weekly"]!.AsArray().Count);

        var back = await cli.Run("source", "schedule", id, "default");
        Assert.Contains("schedule adaptive (crawler default)", back.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, (await cli.Run("source", "show", "999")).Exit);
    }
}

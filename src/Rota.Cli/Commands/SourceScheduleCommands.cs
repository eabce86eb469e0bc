using System.CommandLine;
using System.Globalization;
using Rota.Client.Models;

namespace Rota.Cli.Commands;

/// <summary><c>rota source show ID</c> (a source with its schedule: mode, next crawl and why, the learned weekly
/// profile as a text heat strip) and <c>rota source schedule ID MODE [--interval]</c>.</summary>
public static class SourceScheduleCommands
{
    public static Command Show(CliContext ctx)
    {
        var id = new Argument<long>("id") { Description = "The source's id (see 'rota source list')" };
        var json = new Option<bool>("--json") { Description = "Print JSON: { source, schedule }" };
        var show = new Command("show", "Show a source, how it is scheduled and why, and its learned weekly posting profile") { id, CrawlerSetup.OwnerOption, json };
        show.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source show", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var owner = p.GetValue(CrawlerSetup.OwnerOption);
            var source = await backend.GetSourceViewAsync(p.GetValue(id), owner, ct);
            var schedule = await backend.GetSourceScheduleAsync(p.GetValue(id), owner, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { source, schedule });
            else Write(ctx, source, schedule);
            return ExitCodes.Ok;
        });
        return show;
    }

    public static Command Schedule(CliContext ctx)
    {
        var id = new Argument<long>("id") { Description = "The source's id (see 'rota source list')" };
        var mode = new Argument<string>("mode") { Description = "fixed, adaptive, predictive, or default (follow the crawler's schedule setting)" };
        var interval = new Option<string?>("--interval") { Description = "With fixed: the interval, e.g. 30m or 2h (default: the source's current one)" };
        var json = new Option<bool>("--json") { Description = "Print the schedule as JSON" };
        var schedule = new Command("schedule", "Choose how a source's next crawl is timed") { id, mode, interval, CrawlerSetup.OwnerOption, json };
        schedule.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source schedule", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var s = await backend.SetSourceScheduleAsync(p.GetValue(id), p.GetValue(mode)!, p.GetValue(interval), p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, s);
            else ctx.Out.WriteLine($"source {s.SourceId}: schedule {ModeText(s)}; next crawl {CliOutput.Local(s.NextCrawlAt, ctx.Time.GetUtcNow(), ctx.LocalZone)} — {s.Reason}");
            return ExitCodes.Ok;
        });
        return schedule;
    }

    private static string ModeText(SourceScheduleInfo s) => s.SourceMode is null ? $"{s.Mode} (crawler default)" : s.Mode;

    private static void Write(CliContext ctx, SourceView v, SourceScheduleInfo s)
    {
        var now = ctx.Time.GetUtcNow();
        var o = ctx.Out;
        o.WriteLine($"source {v.Id}: {v.Name} ({v.Kind}, owner {v.Owner}) — {v.Status}");
        o.WriteLine($"  url:           {v.Url}");
        o.WriteLine($"  items:         {v.ItemsTotal.ToString(CultureInfo.InvariantCulture)}");
        if (v.ErrorCode is not null) o.WriteLine($"  error:         {v.ErrorCode} ×{v.ConsecutiveErrors}: {v.ErrorMessage}");
        o.WriteLine($"  last crawled:  {CliOutput.Local(s.LastCrawledAt, now, ctx.LocalZone)}");
        o.WriteLine($"  next crawl:    {CliOutput.Local(s.NextCrawlAt, now, ctx.LocalZone)}");
        o.WriteLine($"  schedule:      {ModeText(s)}");
        if (s.Reason is not null) o.WriteLine($"  why:           {s.Reason}");
        var m = s.Model;
        if (m.Weekly is null)
        {
            o.WriteLine($"  model:         learning ({m.ItemsInWindow} of {m.MinItems} items over at least a day)");
            return;
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  model:         {m.Summary}; {m.ExpectedNext24h:0.##} expected in the next 24h (from {m.ItemsInWindow} items)"));
        o.WriteLine("  weekly profile, UTC hours (darker: more items per hour):");
        o.WriteLine("         0     6     12    18");
        foreach (var line in HeatLines(m.Weekly)) o.WriteLine("    " + line);
    }

    private const string Ramp = " .:-=+*#%@";
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>One line per weekday, one character per hour, scaled to the busiest hour.</summary>
    public static IEnumerable<string> HeatLines(double[][] weekly)
    {
        var max = weekly.Max(d => d.Max());
        for (var d = 0; d < weekly.Length; d++)
            yield return Days[d] + "  " + new string([.. weekly[d].Select(r => Ramp[max <= 0 ? 0 : (int)Math.Round(r / max * (Ramp.Length - 1))])]);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Runs;

namespace Rota.Alerts;

/// <summary>The <c>crawl_completed</c> notice's content: seed 001's crawl summary (sources crawled, successful, failed,
/// partial, items fetched and new) with the run's duration and id, as placeholders and as typed JSON for webhooks.</summary>
internal static class CrawlNotice
{
    private static readonly string[] Counts = ["sources_crawled", "successful", "failed", "partial", "items_fetched", "items_new"];

    public static Dictionary<string, string> Values(RunRecord run, Dictionary<string, string> values)
    {
        foreach (var key in Counts) values[key == "sources_crawled" ? "crawled" : key] = Count(run.Stats, key)?.ToString(CultureInfo.InvariantCulture) ?? "0";
        values["status"] = TextNames.Of(run.Status);
        values["duration"] = Duration(run) is { } d ? Configuration.DurationText.Format(TimeSpan.FromSeconds(Math.Round(d.TotalSeconds))) : "unknown time";
        return values;
    }

    public static JsonObject Data(RunRecord run)
    {
        var data = new JsonObject { ["run_id"] = run.Id, ["task"] = run.TaskName, ["status"] = TextNames.Of(run.Status) };
        foreach (var key in Counts) data[key] = Count(run.Stats, key) ?? 0;
        data["duration_ms"] = Duration(run) is { } d ? (long)d.TotalMilliseconds : null;
        data["started_at"] = run.StartedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        data["ended_at"] = run.EndedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        return data;
    }

    private static TimeSpan? Duration(RunRecord run) => (run.FirstStartedAt ?? run.StartedAt) is { } start && run.EndedAt is { } end ? end - start : null;

    private static long? Count(JsonObject? stats, string key) => stats?[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}

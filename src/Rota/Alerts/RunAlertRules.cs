using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Alerts;

/// <summary>The rules a finished run can fire or resolve: <c>run_failed</c>, <c>consecutive_failures</c>,
/// <c>sources_failed_in_crawl</c> (a crawl run's stats), <c>stat_out_of_range</c> (any run's stats), the
/// <c>crawl_completed</c> notice, and the resolution of <c>run_longer_than</c> and <c>no_success_within</c>. The run is read back from the store: its completion is written before the event.</summary>
internal sealed class RunAlertRules(Alerter alerter)
{
    public async Task OnFinishedAsync(AlertConfig config, RunEvent e, CancellationToken ct)
    {
        var rules = config.Rules.Where(r => r.Enabled && AlertDefaults.FiltersTasks(r.Kind) && (r.Task is null || r.Task == e.TaskName)).ToList();
        if (rules.Count == 0) return;
        var run = await alerter.Store.RunGet(e.RunId, ct).ConfigureAwait(false);
        var task = await alerter.Store.TaskGetById(e.TaskId, ct).ConfigureAwait(false);
        if (run is null || task is null) return;
        var failed = run.Status.IsFailure();
        var succeeded = run.Status is RunStatus.Succeeded or RunStatus.Partial;
        foreach (var rule in rules.Where(r => r.Tags.Count == 0 || r.Tags.Any(task.Definition.Tags.Contains)))
        {
            var values = Values(run);
            switch (rule.Kind)
            {
                case AlertRuleKind.RunFailed when failed:
                    await alerter.FireAsync(rule, run.TaskName, values, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.ConsecutiveFailures when failed:
                    var n = rule.Count ?? AlertDefaults.ConsecutiveFailures;
                    values["failed"] = task.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture);
                    if (task.ConsecutiveFailures >= n) await alerter.FireAsync(rule, run.TaskName, values, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.RunFailed or AlertRuleKind.ConsecutiveFailures or AlertRuleKind.NoSuccessWithin when succeeded:
                    await alerter.ResolveAsync(rule, run.TaskName, values, null, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.RunLongerThan:
                    values["duration"] = Configuration.DurationText.Format(rule.Duration ?? AlertDefaults.Duration(rule.Kind)!.Value);
                    await alerter.ResolveAsync(rule, LongRunKey(run), values, null, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.SourcesFailedInCrawl when CrawlCounts(run.Stats) is { } counts:
                    values["failed"] = counts.Failed.ToString(CultureInfo.InvariantCulture);
                    values["crawled"] = counts.Crawled.ToString(CultureInfo.InvariantCulture);
                    if (counts.Failed > (rule.Count ?? AlertDefaults.SourcesFailedInCrawl)) await alerter.FireAsync(rule, run.TaskName, values, ct).ConfigureAwait(false);
                    else await alerter.ResolveAsync(rule, run.TaskName, values, null, ct).ConfigureAwait(false);
                    break;
                // A failed run says nothing about its numbers (run_failed covers it): neither fires nor resolves.
                case AlertRuleKind.StatOutOfRange when succeeded:
                    await StatRangeAsync(rule, run, values, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.CrawlCompleted when task.Definition.Handler == CrawlHandlerName:
                    await alerter.NotifyAsync(rule, $"{run.TaskName}#{run.Id}", CrawlNotice.Values(run, values), CrawlNotice.Data(run)).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>The crawler's handler name (Rota.Crawler registers it; the engine does not reference the crawler).</summary>
    private const string CrawlHandlerName = "crawl";

    private async Task StatRangeAsync(AlertRule rule, RunRecord run, Dictionary<string, string> values, CancellationToken ct)
    {
        var key = $"{run.TaskName}:{rule.Stat}";
        var number = run.Stats?[rule.Stat!] is JsonValue v && v.TryGetValue<double>(out var d) ? d : (double?)null;
        values["stat"] = rule.Stat!;
        values["range"] = StatRange.Text(rule.Min, rule.Max);
        values["value"] = number is { } n ? n.ToString("0.###", CultureInfo.InvariantCulture) : run.Stats?[rule.Stat!] is { } raw ? $"{raw.ToJsonString()} (not a number)" : "missing";
        if (number is null && rule.IgnoreMissing) return;
        if (number is { } x && StatRange.Contains(rule.Min, rule.Max, x)) await alerter.ResolveAsync(rule, key, values, null, ct).ConfigureAwait(false);
        else await alerter.FireAsync(rule, key, values, ct).ConfigureAwait(false);
    }

    public static string LongRunKey(RunRecord run) => $"{run.TaskName}#{run.Id}";

    public static Dictionary<string, string> Values(RunRecord run) => new()
    {
        ["task"] = run.TaskName,
        ["run_id"] = run.Id.ToString(CultureInfo.InvariantCulture),
        ["error"] = run.Error is { } err ? $"{err.Type}: {err.Message}" : run.Reason ?? "",
        ["node"] = run.Node ?? "",
    };

    /// <summary>The crawl handler's stats (seed 001's trigger summary): sources crawled and failed.</summary>
    private static (int Crawled, int Failed)? CrawlCounts(JsonObject? stats) =>
        stats?["sources_crawled"] is JsonValue crawled && stats["failed"] is JsonValue failed
            && crawled.TryGetValue<int>(out var c) && failed.TryGetValue<int>(out var f) ? (c, f) : null;
}

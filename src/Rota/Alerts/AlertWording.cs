using System.Globalization;

namespace Rota.Alerts;

/// <summary>The <c>{title}</c> and <c>{details}</c> of the default messages, per rule kind and state.</summary>
internal static class AlertWording
{
    public static (string Title, string Details) For(AlertRuleKind kind, bool firing, IReadOnlyDictionary<string, string> v)
    {
        string V(string key) => v.GetValueOrDefault(key, "");
        return (kind, firing) switch
        {
            (AlertRuleKind.RunFailed, true) => ($"Task {V("task")} failed", $"Run {V("run_id")} of {V("task")} failed: {V("error")}"),
            (AlertRuleKind.RunFailed, false) => ($"Task {V("task")} failed", $"{V("task")} succeeded again (run {V("run_id")})."),
            (AlertRuleKind.ConsecutiveFailures, true) => ($"Task {V("task")} failed {V("failed")} times in a row", $"The last {V("failed")} runs of {V("task")} failed; the latest (run {V("run_id")}): {V("error")}"),
            (AlertRuleKind.ConsecutiveFailures, false) => ($"Task {V("task")} failing repeatedly", $"{V("task")} succeeded again (run {V("run_id")})."),
            (AlertRuleKind.RunLongerThan, true) => ($"Run {V("run_id")} of {V("task")} running longer than {V("duration")}", $"Run {V("run_id")} of {V("task")} started at {V("since")} and is still running."),
            (AlertRuleKind.RunLongerThan, false) => ($"Run {V("run_id")} of {V("task")} running longer than {V("duration")}", $"Run {V("run_id")} of {V("task")} has ended."),
            (AlertRuleKind.NoSuccessWithin, true) => ($"Task {V("task")} has not succeeded within {V("duration")}", $"{V("task")} has not succeeded since {V("since")}."),
            (AlertRuleKind.NoSuccessWithin, false) => ($"Task {V("task")} has not succeeded within {V("duration")}", $"{V("task")} succeeded again (run {V("run_id")})."),
            // seed 001: "Daily Crawl Alert" / "Daily crawl had 6 failures".
            (AlertRuleKind.SourcesFailedInCrawl, true) => ($"{Title(V("task"))} Alert", $"{Sentence(V("task"))} had {V("failed")} failures"),
            (AlertRuleKind.SourcesFailedInCrawl, false) => ($"{Title(V("task"))} Alert", $"{Sentence(V("task"))} had {V("failed")} failures of {V("crawled")} sources."),
            (AlertRuleKind.SourceErrorLongerThan, true) => ($"Source {V("source")} in error for more than {V("duration")}", $"Source {V("source_id")} ({V("source")}) has failed since {V("since")}: {V("error")}"),
            (AlertRuleKind.SourceErrorLongerThan, false) => ($"Source {V("source")} in error for more than {V("duration")}", $"Source {V("source_id")} ({V("source")}) is no longer in error."),
            (AlertRuleKind.SourcePermanentError, true) => ($"Source {V("source")} failed permanently", $"Source {V("source_id")} ({V("source")}) needs attention: {V("error")}"),
            (AlertRuleKind.SourcePermanentError, false) => ($"Source {V("source")} failed permanently", $"Source {V("source_id")} ({V("source")}) is no longer in error."),
            (AlertRuleKind.NodeLost, true) => ($"Node {V("node")} lost", $"Node {V("node")} has not sent a heartbeat since {V("since")}."),
            (AlertRuleKind.NodeLost, false) => ($"Node {V("node")} lost", $"Node {V("node")} is back."),
            (AlertRuleKind.StoreUnreachable, true) => ($"Store unreachable from node {V("node")}", $"Node {V("node")} cannot reach the store since {V("since")}: {V("error")}"),
            (AlertRuleKind.StoreUnreachable, false) => ($"Store unreachable from node {V("node")}", $"Node {V("node")} reaches the store again."),
            (AlertRuleKind.SchedulerStopped, true) => ("Scheduler stopped", $"No scheduler pass since {V("since")}: {V("error")}"),
            (AlertRuleKind.SchedulerStopped, false) => ("Scheduler stopped", "The scheduler is running again."),
            (AlertRuleKind.StatOutOfRange, true) => ($"Task {V("task")}: {V("stat")} = {V("value")}, expected {V("range")}", $"Run {V("run_id")} of {V("task")} reported {V("stat")} = {V("value")}; expected {V("range")}."),
            (AlertRuleKind.StatOutOfRange, false) => ($"Task {V("task")}: {V("stat")} out of range", $"Run {V("run_id")} of {V("task")} reported {V("stat")} = {V("value")}, within {V("range")} again."),
            (AlertRuleKind.CrawlCompleted, _) => ($"{Title(V("task"))} completed", $"Run {V("run_id")} of {V("task")} finished ({V("status")}) in {V("duration")}: {V("crawled")} sources crawled, "
                + $"{V("successful")} successful, {V("failed")} failed, {V("partial")} partial; {V("items_fetched")} items fetched, {V("items_new")} new."),
            _ => (kind.ToString(), ""),
        };
    }

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary><c>daily-crawl</c> → <c>Daily Crawl</c>.</summary>
    private static string Title(string name) => string.Join(' ', Words(name).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary><c>daily-crawl</c> → <c>Daily crawl</c>.</summary>
    private static string Sentence(string name)
    {
        var text = string.Join(' ', Words(name));
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static IEnumerable<string> Words(string name) => name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
}

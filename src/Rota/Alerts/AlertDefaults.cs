namespace Rota.Alerts;

/// <summary>
/// Per-kind defaults: thresholds, which settings apply, and the message text. Every default message follows seed
/// 001's admin e-mail layout (subject line, then "Subject:", "Time:", "Details:" and a closing hint), so the crawl
/// rule's message reads exactly as seed 001's "Daily Crawl Alert".
/// </summary>
public static class AlertDefaults
{
    public const string Subject = "[Rota Alert] {title}";
    public const string Body = "Alert from {system}\n\nSubject: {title}\nTime: {time}\n\nDetails:\n{details}\n\nPlease check {advice} for more information.\n";
    public const string ResolvedSubject = "[Rota Resolved] {title}";
    public const string ResolvedBody = "Resolved from {system}\n\nSubject: {title}\nTime: {time}\nFiring since: {since}\n\nDetails:\n{details}\n";
    /// <summary>Notices (<c>crawl_completed</c>): nothing is wrong, so no "Alert" and no advice.</summary>
    public const string NoticeSubject = "[Rota] {title}";
    public const string NoticeBody = "Notice from {system}\n\nSubject: {title}\nTime: {time}\n\nDetails:\n{details}\n";

    /// <summary>Every placeholder a template may use; one a rule kind does not fill renders empty.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "rule", "kind", "state", "title", "details", "time", "since", "count", "system", "advice", "subject_key",
        "task", "run_id", "error", "failed", "crawled", "source", "source_id", "node", "duration",
        "stat", "value", "range", "status", "successful", "partial", "items_fetched", "items_new",
    ];

    /// <summary>seed 001: "more than 5 sources fail in a single crawl".</summary>
    public const int SourcesFailedInCrawl = 5;
    public const int ConsecutiveFailures = 3;

    public static TimeSpan? Duration(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.RunLongerThan => TimeSpan.FromHours(1),
        AlertRuleKind.NoSuccessWithin => TimeSpan.FromHours(25),
        // seed 001: transient errors alert the admin "if persists >24 hours".
        AlertRuleKind.SourceErrorLongerThan => TimeSpan.FromHours(24),
        AlertRuleKind.NodeLost => TimeSpan.FromMinutes(2),
        AlertRuleKind.StoreUnreachable => TimeSpan.FromMinutes(1),
        AlertRuleKind.SchedulerStopped => TimeSpan.FromMinutes(5),
        _ => null,
    };

    public static int? Count(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.ConsecutiveFailures => ConsecutiveFailures,
        AlertRuleKind.SourcesFailedInCrawl => SourcesFailedInCrawl,
        _ => null,
    };

    /// <summary>Rules that read runs: <c>task</c> and <c>tags</c> filters apply.</summary>
    public static bool FiltersTasks(AlertRuleKind kind) => kind is AlertRuleKind.RunFailed or AlertRuleKind.ConsecutiveFailures
        or AlertRuleKind.RunLongerThan or AlertRuleKind.NoSuccessWithin or AlertRuleKind.SourcesFailedInCrawl
        or AlertRuleKind.StatOutOfRange or AlertRuleKind.CrawlCompleted;

    /// <summary>Rules that send one message per event and keep no state: never grouped, never resolved.</summary>
    public static bool IsNotice(AlertRuleKind kind) => kind is AlertRuleKind.CrawlCompleted;

    public static string System(AlertRuleKind kind) => kind is AlertRuleKind.SourcesFailedInCrawl or AlertRuleKind.SourceErrorLongerThan
        or AlertRuleKind.SourcePermanentError or AlertRuleKind.CrawlCompleted ? "Rota Scheduled Crawl System" : "Rota";

    public static string Advice(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.SourcesFailedInCrawl or AlertRuleKind.SourceErrorLongerThan or AlertRuleKind.SourcePermanentError or AlertRuleKind.CrawlCompleted => "the crawl logs",
        AlertRuleKind.NodeLost or AlertRuleKind.StoreUnreachable or AlertRuleKind.SchedulerStopped => "the node list and logs",
        _ => "the run history",
    };
}

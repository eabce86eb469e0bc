using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>Starting points for a new task: an HTTP call, a crawl of the caller's sources, a cleanup of old runs, and (only
/// when the server allows command tasks from the API, and for admins) a command.</summary>
public static class TaskTemplates
{
    public sealed record Template(string Key, string Title, string Handler, string Explanation);

    public static readonly IReadOnlyList<Template> All =
    [
        new("http", "HTTP call", "http", "Calls a URL on a schedule; fails on error statuses and retries transient failures."),
        new("crawl", "Crawl sources", "crawl", "Crawls your due feed sources and stores new items."),
        new("cleanup", "Cleanup", "cleanup", "Deletes finished runs beyond each task's retention."),
        new("command", "Command", "command", "Runs a program on the node (admins; only when the server allows command tasks)."),
    ];

    /// <summary>The templates the caller may use on this server (handlers registered; command only when allowed).</summary>
    public static IReadOnlyList<Template> Available(bool isAdmin, bool commandsAllowed, IReadOnlyCollection<string> handlers) =>
        [.. All.Where(t => handlers.Contains(t.Handler) && (t.Key != "command" || (isAdmin && commandsAllowed)))];

    /// <summary>The form of template <paramref name="key"/>; a crawl is limited to <paramref name="owner"/>'s sources.</summary>
    public static TaskFormModel Model(string key, string owner) => key switch
    {
        "crawl" => Base(key, "crawl", "crawl-sources", "Crawl my feeds", "*/15 * * * *",
            new System.Text.Json.Nodes.JsonObject { ["scope"] = "due", ["owner"] = owner }.ToJsonString()),
        "cleanup" => Base(key, "cleanup", "cleanup-runs", "Delete old runs", "0 3 * * *", "{}"),
        "command" => Base(key, "command", "nightly-command", "Run a program", "0 2 * * *", """{"program": "echo", "args": ["hello"]}"""),
        _ => Base("http", "http", "check-website", "Check that the site answers", "*/5 * * * *", """{"url": "https://example.com/health", "method": "GET"}"""),
    };

    /// <summary>A template's form: its handler, one cron schedule and the engine's policy defaults filled in, so what
    /// is saved is what is shown.</summary>
    private static TaskFormModel Base(string key, string handler, string name, string description, string cron, string parameters)
    {
        var m = TaskFormDocument.FromDefinition(new Rota.Tasks.TaskDefinition { Name = name, Handler = handler, Description = description },
            [new Rota.Scheduling.ScheduleDefinition { Specs = [Rota.Scheduling.TriggerSpec.ForCron(cron)] }]);
        m.Template = key;
        m.Parameters = parameters;
        return m;
    }
}

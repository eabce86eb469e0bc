namespace Rota.Dashboard.Tests;

/// <summary>The signed-in pages every theme, screenshot and accessibility check visits (as the admin).</summary>
public static class MainPages
{
    public static IReadOnlyList<(string Name, string Path)> For(DashboardServer server) =>
    [
        ("overview", "/"), ("overview-7d", "/?range=7d"), ("tasks", "/tasks"), ("task", "/tasks/admin-report"), ("task-busy", "/tasks/bob-pager"),
        ("task-new", "/tasks/new"), ("task-form", "/tasks/new?template=http"), ("task-edit", "/tasks/admin-report/edit"),
        ("runs", "/runs"), ("run", $"/runs/{server.AdminRunId}"),
        ("pipelines", "/pipelines"), ("pipeline", "/pipelines/" + DashboardServer.AdminPipelineName), ("pipeline-edit", $"/pipelines/{DashboardServer.AdminPipelineName}/edit"),
        ("sources", "/sources"), ("source", $"/sources/{server.AdminSourceId}"), ("source-failing", $"/sources/{server.AdminFailingSourceId}"),
        ("source-add", "/sources/add?input=" + Uri.EscapeDataString("@someone")), ("crawl-logs", "/crawl-logs"),
        ("queues", "/queues"), ("nodes", "/nodes"), ("tokens", "/tokens"), ("alerts", "/alerts"), ("audit", "/audit"), ("users", "/users"), ("settings", "/settings"),
        ("confirm", "/confirm?action=task-disable&task=admin-report&back=/tasks"),
        ("confirm-pipeline-step", $"/confirm?action=pipeline-run&task={DashboardServer.AdminPipelineName}&step=load&back=/pipelines"),
        ("confirm-alert-test", "/confirm?action=alert-test&channel=hook&back=/alerts"), ("not-found", "/tasks/no-such-task"),
        ("error-banner", "/tasks?error=The+operation+failed%3A+example"),
    ];
}

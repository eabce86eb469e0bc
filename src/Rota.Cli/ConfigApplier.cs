using Microsoft.Extensions.DependencyInjection;
using Rota.Configuration;
using Rota.Crawler;
using Rota.Hosting;
using Rota.Pipelines;
using Rota.Storage;

namespace Rota.Cli;

/// <summary>Loads a configuration file, validates all of it first, then writes queues, tasks, alerts and sources to the store.</summary>
public static class ConfigApplier
{
    /// <summary>Handler kinds <c>rota serve</c> can run: the built-in ones and those <paramref name="extendRota"/> adds.</summary>
    public static IReadOnlySet<string> KnownHandlers(Action<RotaBuilder>? extendRota = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddRota().UseCrawler();
        extendRota?.Invoke(builder);
        var options = services.BuildServiceProvider().GetRequiredService<RotaOptions>();
        return options.Handlers.Kinds.Append("noop").Where(k => k != PipelineTasks.Handler).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Validates the whole file (throws listing every error, touching nothing) and returns it.</summary>
    public static RotaConfigDocument Load(string path, Action<RotaBuilder>? extendRota = null) =>
        ConfigLoader.LoadFile(path, KnownHandlers(extendRota), SourceConfigApplier.Check);

    public sealed record Change(string Task, string What);

    /// <summary>The file's <c>alerts:</c> section replaces the stored alert configuration (a file without one keeps it).</summary>
    private static async Task<Change> ApplyAlertsAsync(Alerts.AlertConfig alerts, IRotaStore store, RotaClient client, bool dryRun, CancellationToken ct)
    {
        var json = Alerts.AlertConfigJson.Serialize(alerts);
        var existing = await store.AlertConfigGet(ct);
        var what = existing is null ? "created" : existing.Document == json ? "unchanged" : "updated";
        if (!dryRun && what != "unchanged") await store.AlertConfigSet(new AlertConfigSetParams(json, client.Time.GetUtcNow()), ct);
        return new Change($"alerts ({alerts.Rules.Count} rule(s), {alerts.Channels.Count} channel(s))", what);
    }

    /// <summary>Applies a validated document; returns one line per task: created, updated or unchanged.</summary>
    public static async Task<IReadOnlyList<Change>> ApplyAsync(RotaConfigDocument doc, RotaClient client, bool dryRun, CancellationToken ct = default)
    {
        var changes = new List<Change>();
        var store = client.Store;
        foreach (var q in doc.Queues)
            if (!dryRun) await store.QueueUpsert(new QueueUpsertParams(q.Name, q.Concurrency), ct);
        var fileTasks = doc.Tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // Step tasks first, then the pipeline task that runs them (for a plain reference the step runs the task itself).
        var pipelineTasks = doc.Pipelines.SelectMany(p => PipelineTasks.ToTasks(p, Tasks.TaskOrigin.Config, fileTasks.GetValueOrDefault).Reverse());
        foreach (var task in doc.Tasks.Concat(pipelineTasks))
        {
            var existing = await store.TaskGet(task.Name, ct);
            var what = existing is null ? "created"
                : DefinitionJson.Serialize(existing.Definition with { Enabled = task.Enabled, PausedReason = task.PausedReason, PausedUntil = task.PausedUntil }) == DefinitionJson.Serialize(task)
                    ? "unchanged" : "updated";
            if (!dryRun)
            {
                var row = await client.ApplyAsync(task, ct);
                if (what == "unchanged" && row.Version != existing!.Version) what = "updated";
            }
            changes.Add(new Change(task.Name, what));
        }
        if (doc.Alerts is { } alerts) changes.Add(await ApplyAlertsAsync(alerts, store, client, dryRun, ct));
        changes.AddRange(await SourceConfigApplier.ApplyAsync(doc, store, client.Time, dryRun, ct));
        var inFile = doc.Tasks.Concat(doc.Pipelines.SelectMany(p => PipelineTasks.ToTasks(p, Tasks.TaskOrigin.Config, fileTasks.GetValueOrDefault)))
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in await store.TaskList(new TaskListParams(), ct))
            if (!inFile.Contains(t.Name) && t.Definition.Origin == Tasks.TaskOrigin.Config)
                changes.Add(new Change(t.Name, "not in the file (kept; delete it with 'rota task delete')"));
        return changes;
    }
}

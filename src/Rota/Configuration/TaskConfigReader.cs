using System.Text.RegularExpressions;
using Rota.Scheduling;
using Rota.Tasks;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Reads one task entry of a configuration file.</summary>
internal static partial class TaskConfigReader
{
    internal static readonly string[] Keys =
    [
        "name", "handler", "description", "parameters", "queue", "priority", "timeout", "retry", "overlap", "terminate_grace",
        "misfire", "min_spacing", "retention", "pause_after_failures", "enabled", "paused_reason", "owner", "tags", "schedules", "depends_on", "depends_all",
        .. ScheduleConfigReader.TriggerKeys,
    ];

    public static TaskDefinition? Read(ConfigReader r, YamlNode node, string path, IReadOnlySet<string> knownHandlers)
    {
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping describing a task"); return null; }
        r.CheckKeys(m, path, Keys);
        var before = r.Errors.Count;
        var name = r.String(r.Get(m, "name"), path + ".name");
        if (name is "" or null && r.Get(m, "name") is null or YamlScalarNode) r.Missing(path + ".name", m, "every task needs a name");
        else if (name is { Length: > 0 } && !NamePattern().IsMatch(name)) r.Error(path + ".name", r.Get(m, "name"), "names use lower-case letters, digits, '.', '_' and '-', start with a letter or digit, at most 100 characters");
        var handler = r.String(r.Get(m, "handler"), path + ".handler");
        if (handler is "" or null && r.Get(m, "handler") is null or YamlScalarNode) r.Missing(path + ".handler", m, "every task needs a handler");
        else if (handler is { Length: > 0 } && !knownHandlers.Contains(handler))
            r.Error(path + ".handler", r.Get(m, "handler"), $"unknown handler '{handler}'{HandlerHint(handler, knownHandlers)}");
        var timeout = r.Duration(r.Get(m, "timeout"), path + ".timeout", positive: true);
        var def = new TaskDefinition
        {
            Name = name ?? "",
            Handler = handler ?? "",
            Description = r.String(r.Get(m, "description"), path + ".description"),
            Parameters = r.Object(r.Get(m, "parameters"), path + ".parameters") ?? [],
            Queue = r.String(r.Get(m, "queue"), path + ".queue") ?? "default",
            Priority = r.Int(r.Get(m, "priority"), path + ".priority") ?? 0,
            Timeout = timeout,
            Retry = PolicyConfigReader.Retry(r, r.Get(m, "retry"), path + ".retry"),
            Overlap = PolicyConfigReader.Overlap(r, r.Get(m, "overlap"), path + ".overlap"),
            TerminateGrace = r.Duration(r.Get(m, "terminate_grace"), path + ".terminate_grace"),
            Misfire = PolicyConfigReader.Misfire(r, r.Get(m, "misfire"), path + ".misfire"),
            MinSpacing = r.Duration(r.Get(m, "min_spacing"), path + ".min_spacing", positive: true),
            Retention = PolicyConfigReader.Retention(r, r.Get(m, "retention"), path + ".retention"),
            PauseAfterFailures = r.Int(r.Get(m, "pause_after_failures"), path + ".pause_after_failures", 1),
            Enabled = r.Bool(r.Get(m, "enabled"), path + ".enabled") ?? true,
            PausedReason = r.String(r.Get(m, "paused_reason"), path + ".paused_reason"),
            Owner = r.String(r.Get(m, "owner"), path + ".owner"),
            Tags = r.Strings(r.Get(m, "tags"), path + ".tags"),
            Origin = TaskOrigin.Config,
            Schedules = Schedules(r, m, path, name ?? ""),
            DependsOn = Dependencies(r, r.Get(m, "depends_on"), path + ".depends_on"),
            DependsAll = r.Bool(r.Get(m, "depends_all"), path + ".depends_all") ?? false,
        };
        if (!def.Enabled && def.PausedReason is null) def = def with { PausedReason = "disabled in configuration" };
        return r.Errors.Count == before ? def : null;
    }

    internal static List<ScheduleDefinition> Schedules(ConfigReader r, YamlMappingNode task, string path, string taskName)
    {
        var result = new List<ScheduleDefinition>();
        var shorthand = ScheduleConfigReader.TriggerKeys.Any(k => r.Get(task, k) is not null);
        var list = r.Get(task, "schedules");
        if (shorthand && list is not null) r.Error(path + ".schedules", list, "use either 'schedules:' or the cron/every shorthand on the task, not both");
        if (shorthand)
        {
            var only = new YamlMappingNode(task.Children.Where(kv => ScheduleConfigReader.TriggerKeys.Contains(((YamlScalarNode)kv.Key).Value)));
            if (ScheduleConfigReader.Read(r, only, path, taskName, "default", task) is { } s) result.Add(s);
            return result;
        }
        if (list is null or YamlScalarNode { Value: null or "" }) return result;
        if (list is not YamlSequenceNode seq) { r.Error(path + ".schedules", list, $"expected a list of schedules (each starting with '- '), not {ConfigReader.Kind(list)}"); return result; }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var sp = $"{path}.schedules[{i}]";
            if (seq.Children[i] is not YamlMappingNode sm) { r.Error(sp, seq.Children[i], "expected a mapping describing a schedule"); continue; }
            r.CheckKeys(sm, sp, ScheduleConfigReader.Keys);
            if (ScheduleConfigReader.Read(r, sm, sp, taskName, seq.Children.Count == 1 ? "default" : $"schedule-{i + 1}") is not { } s) continue;
            if (result.Any(x => x.Name == s.Name)) r.Error(sp + ".name", r.Get(sm, "name"), $"duplicate schedule name '{s.Name}' in task '{taskName}'", s.Name);
            else result.Add(s);
        }
        return result;
    }

    /// <summary><c>depends_on: a</c>, <c>[a, b]</c> or <c>[{task: a, on: failed}]</c>.</summary>
    private static List<TaskDependency> Dependencies(ConfigReader r, YamlNode? node, string path)
    {
        var result = new List<TaskDependency>();
        var items = node switch
        {
            null or YamlScalarNode { Value: null or "" } => [],
            YamlSequenceNode seq => seq.Children.ToList(),
            YamlScalarNode s => [s],
            _ => null,
        };
        if (items is null) { r.Error(path, node, "expected a task name or a list of {task, on}"); return result; }
        for (var i = 0; i < items.Count; i++)
        {
            var ip = node is YamlSequenceNode ? $"{path}[{i}]" : path;
            switch (items[i])
            {
                case YamlScalarNode { Value: { Length: > 0 } t }:
                    result.Add(new TaskDependency(t));
                    break;
                case YamlMappingNode dm:
                    r.CheckKeys(dm, ip, ["task", "on"]);
                    var task = r.String(r.Get(dm, "task"), ip + ".task");
                    if (task is null or "") { r.Missing(ip + ".task", dm, "a dependency needs the upstream task's name"); break; }
                    var onText = r.String(r.Get(dm, "on"), ip + ".on");
                    var on = DependencyCondition.Succeeded;
                    if (onText is not null && !TextNames.TryParse(onText, out on))
                    {
                        r.Error(ip + ".on", r.Get(dm, "on"), "expected succeeded, failed or finished");
                        break;
                    }
                    result.Add(new TaskDependency(task, on));
                    break;
                default:
                    r.Error(ip, items[i], "expected a task name or a mapping {task, on}");
                    break;
            }
        }
        return result;
    }

    /// <summary>"; did you mean 'noop'?" for a near miss, else the full list, so a typo and a missing plugin read differently.</summary>
    private static string HandlerHint(string handler, IReadOnlySet<string> known)
    {
        var hint = ConfigReader.Suggest(handler, known);
        return hint.StartsWith("; did", StringComparison.Ordinal) ? $"{hint} known handlers: {string.Join(", ", known.Order(StringComparer.Ordinal))}"
            : $"; known handlers: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}

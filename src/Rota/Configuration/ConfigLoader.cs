using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>
/// Reads and validates rota.yaml / rota.json. JSON is first checked strictly (no comments, no trailing commas), then
/// read by the same YAML parser as YAML (every JSON document is YAML) so both give the same paths and lines.
/// Throws <see cref="ConfigValidationException"/> listing every error in file order; never returns a partly valid document.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] RootKeys = ["queues", "tasks", "pipelines", "crawler", "sources", "alerts"];
    private static readonly string[] QueueKeys = ["name", "concurrency", "priority"];

    /// <param name="knownHandlers">Handler kinds that exist; any other is an error naming the path.</param>
    /// <param name="checkRules">Validates the crawl rules of the <c>sources:</c> section (null: not checked here).</param>
    public static RotaConfigDocument LoadFile(string path, IReadOnlySet<string> knownHandlers, SourceRulesCheck? checkRules = null)
    {
        if (!File.Exists(path)) throw new ConfigValidationException(path, [new ConfigError("", path, "the configuration file does not exist")]);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var format = ext switch
        {
            ".yaml" or ".yml" => "yaml",
            ".json" => "json",
            _ => throw new ConfigValidationException(path, [new ConfigError("", ext, "unsupported file extension; use .yaml, .yml or .json")]),
        };
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigValidationException(path, [new ConfigError("", path, $"the configuration file cannot be read: {ex.Message}")]);
        }
        return Parse(text, format, path, knownHandlers, checkRules);
    }

    /// <param name="format"><c>yaml</c> or <c>json</c>.</param>
    public static RotaConfigDocument Parse(string text, string format, string sourceName, IReadOnlySet<string> knownHandlers, SourceRulesCheck? checkRules = null)
    {
        if (format is not ("yaml" or "json"))
            throw new ConfigValidationException(sourceName, [new ConfigError("", format, "unsupported format; use yaml or json")]);
        if (format == "json" && StrictJson.Check(text) is { } jsonError) throw new ConfigValidationException(sourceName, [jsonError]);
        var r = new ConfigReader();
        var root = YamlTreeLoader.Load(text, format, r.Errors);
        var doc = root is null || root is YamlScalarNode { Value: null or "" } ? new RotaConfigDocument([], []) : Document(r, root, knownHandlers, checkRules);
        if (r.Errors.Count > 0)
            throw new ConfigValidationException(sourceName, r.Errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0).ToList());
        return doc;
    }

    /// <summary>Reads one task object (an API request body in JSON) with the same validation and paths as a task of a
    /// configuration file, paths relative to the object (<c>schedules[0].cron</c>). <paramref name="origin"/> is stamped on it.</summary>
    public static Tasks.TaskDefinition ParseTask(string json, string sourceName, IReadOnlySet<string> knownHandlers, Tasks.TaskOrigin origin)
    {
        if (StrictJson.Check(json) is { } jsonError) throw new ConfigValidationException(sourceName, [jsonError]);
        var r = new ConfigReader();
        var root = YamlTreeLoader.Load(json, "json", r.Errors);
        Tasks.TaskDefinition? task = null;
        if (root is null or YamlScalarNode { Value: null or "" }) r.Errors.Add(new ConfigError("", null, "the body must be a JSON object describing a task"));
        else if (r.Errors.Count == 0) task = TaskConfigReader.Read(r, root, "", knownHandlers);
        if (r.Errors.Count > 0 || task is null)
            throw new ConfigValidationException(sourceName, r.Errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0)
                .Select(e => e with { Path = e.Path.TrimStart('.') }).ToList());
        return task with { Origin = origin };
    }

    /// <summary>Reads one pipeline object (an API request body) with the same validation and paths as a pipeline of a
    /// configuration file; <paramref name="taskKind"/> resolves referenced tasks (their handler, null when missing).</summary>
    public static Pipelines.PipelineDefinition ParsePipeline(string json, string sourceName, Func<string, string?> taskKind, IReadOnlySet<string> knownHandlers)
    {
        if (StrictJson.Check(json) is { } jsonError) throw new ConfigValidationException(sourceName, [jsonError]);
        var r = new ConfigReader();
        var root = YamlTreeLoader.Load(json, "json", r.Errors);
        Pipelines.PipelineDefinition? p = null;
        if (root is null or YamlScalarNode { Value: null or "" }) r.Errors.Add(new ConfigError("", null, "the body must be a JSON object describing a pipeline"));
        else if (r.Errors.Count == 0 && (p = PipelineConfigReader.Read(r, root, "")) is not null)
            PipelineConfigReader.Validate(r, p, root, "", taskKind, knownHandlers);
        if (r.Errors.Count > 0 || p is null)
            throw new ConfigValidationException(sourceName, r.Errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0)
                .Select(e => e with { Path = e.Path.TrimStart('.') }).ToList());
        return p;
    }

    /// <summary>Reads an alert configuration (an API body or the stored document: JSON in the <c>alerts:</c> shape) with
    /// the same validation and paths as rota.yaml's section, paths relative to it (<c>rules[0].kind</c>).</summary>
    public static Alerts.AlertConfig ParseAlerts(string json, string sourceName)
    {
        if (StrictJson.Check(json) is { } jsonError) throw new ConfigValidationException(sourceName, [jsonError]);
        var r = new ConfigReader();
        var root = YamlTreeLoader.Load(json, "json", r.Errors);
        var alerts = r.Errors.Count == 0 ? Alerts.AlertConfigReader.Read(r, root, "") : Alerts.AlertConfig.Empty;
        if (r.Errors.Count > 0)
            throw new ConfigValidationException(sourceName, r.Errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0).ToList());
        return alerts;
    }

    private static RotaConfigDocument Document(ConfigReader r, YamlNode root, IReadOnlySet<string> knownHandlers, SourceRulesCheck? checkRules)
    {
        if (root is not YamlMappingNode map)
        {
            r.Error("", root, $"the top level must be a mapping with 'queues' and 'tasks', not {ConfigReader.Kind(root)}");
            return new RotaConfigDocument([], []);
        }
        r.CheckKeys(map, "", RootKeys);
        var queues = Queues(r, r.Get(map, "queues"));
        var tasks = new List<Tasks.TaskDefinition>();
        switch (r.Get(map, "tasks"))
        {
            case null or YamlScalarNode { Value: null or "" }:
                break;
            case YamlSequenceNode seq:
                var firstByName = new Dictionary<string, (string Path, int Line)>(StringComparer.Ordinal);
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    var path = $"tasks[{i}]";
                    // Duplicate names are checked on the raw name, so they are reported even when either task has other errors.
                    if (seq.Children[i] is YamlMappingNode m && r.Get(m, "name") is YamlScalarNode { Value: { Length: > 0 } name } nameNode)
                    {
                        if (firstByName.TryGetValue(name, out var first))
                            r.Error(path + ".name", nameNode, $"duplicate task name; '{name}' is already defined by {first.Path} (line {first.Line})");
                        else firstByName[name] = (path, (int)nameNode.Start.Line);
                    }
                    if (TaskConfigReader.Read(r, seq.Children[i], path, knownHandlers) is { } task) tasks.Add(task);
                }
                break;
            case var other:
                r.Error("tasks", other, $"expected a list of tasks (each starting with '- name:'), not {ConfigReader.Kind(other)}");
                break;
        }
        var pipelines = Pipelines(r, r.Get(map, "pipelines"), tasks, knownHandlers);
        CheckDependencies(r, r.Get(map, "tasks") as YamlSequenceNode, tasks, pipelines);
        var alerts = r.Get(map, "alerts") is { } alertNode ? Alerts.AlertConfigReader.Read(r, alertNode, "alerts") : null;
        return new RotaConfigDocument(tasks, queues, alerts)
        {
            Pipelines = pipelines, Crawler = CrawlerConfigReader.Read(r, r.Get(map, "crawler")),
            Sources = SourceConfigReader.Read(r, r.Get(map, "sources"), checkRules),
        };
    }

    /// <summary>Upstreams must be tasks or pipelines of the file; no dependency cycles.</summary>
    private static void CheckDependencies(ConfigReader r, YamlSequenceNode? seq, List<Tasks.TaskDefinition> tasks, List<Pipelines.PipelineDefinition> pipelines)
    {
        if (seq is null) return;
        var pipelineNames = pipelines.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in Tasks.DependencyGraph.Validate(tasks, pipelineNames.Contains))
        {
            var i = seq.Children.ToList().FindIndex(c => c is YamlMappingNode m && r.Get(m, "name") is YamlScalarNode { Value: var n } && n == problem.Task);
            var taskNode = i >= 0 ? (YamlMappingNode)seq.Children[i] : null;
            var deps = taskNode is null ? null : r.Get(taskNode, "depends_on");
            var path = $"tasks[{i}].depends_on" + (problem.Entry is { } e && deps is YamlSequenceNode ? $"[{e}]" : "");
            var node = problem.Entry is { } k && deps is YamlSequenceNode ds && k < ds.Children.Count ? ds.Children[k] : deps ?? taskNode;
            r.Error(path, node, problem.Message, problem.Value);
        }
    }

    private static List<Pipelines.PipelineDefinition> Pipelines(ConfigReader r, YamlNode? node, List<Tasks.TaskDefinition> tasks,
        IReadOnlySet<string> knownHandlers)
    {
        var result = new List<Pipelines.PipelineDefinition>();
        if (node is null or YamlScalarNode { Value: null or "" }) return result;
        if (node is not YamlSequenceNode seq) { r.Error("pipelines", node, $"expected a list of pipelines (each starting with '- name:'), not {ConfigReader.Kind(node)}"); return result; }
        var kinds = tasks.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Handler, StringComparer.Ordinal);
        var names = new HashSet<string>(kinds.Keys, StringComparer.Ordinal);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"pipelines[{i}]";
            if (PipelineConfigReader.Read(r, seq.Children[i], path) is not { } p) continue;
            if (!names.Add(p.Name))
            {
                r.Error(path + ".name", r.Get((YamlMappingNode)seq.Children[i], "name"), $"duplicate name; '{p.Name}' is already a task or pipeline of this file");
                continue;
            }
            PipelineConfigReader.Validate(r, p, seq.Children[i], path, t => kinds.GetValueOrDefault(t), knownHandlers);
            foreach (var step in p.Steps.Where(Rota.Pipelines.PipelineTasks.NeedsStepTask))
                if (!names.Add(Rota.Pipelines.PipelineTasks.TaskOf(p.Name, step)))
                    r.Error($"{path}.steps", seq.Children[i], $"step '{step.Name}' needs the task name '{Rota.Pipelines.PipelineTasks.TaskOf(p.Name, step)}', which is already taken");
            result.Add(p);
        }
        return result;
    }

    private static List<QueueDefinition> Queues(ConfigReader r, YamlNode? node)
    {
        var result = new List<QueueDefinition>();
        if (node is null or YamlScalarNode { Value: null or "" }) return result;
        if (node is not YamlSequenceNode seq) { r.Error("queues", node, $"expected a list of queues, not {ConfigReader.Kind(node)}"); return result; }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"queues[{i}]";
            if (seq.Children[i] is not YamlMappingNode m) { r.Error(path, seq.Children[i], "expected a mapping with name and concurrency"); continue; }
            r.CheckKeys(m, path, QueueKeys);
            var name = r.String(r.Get(m, "name"), path + ".name");
            if (name is null) { r.Missing(path + ".name", m, "every queue needs a name"); continue; }
            var concurrency = r.Int(r.Get(m, "concurrency"), path + ".concurrency", 1) ?? 10;
            var priority = r.Int(r.Get(m, "priority"), path + ".priority") ?? 0;
            if (result.Any(q => q.Name == name)) r.Error(path + ".name", r.Get(m, "name"), $"duplicate queue name '{name}'");
            else result.Add(new QueueDefinition(name, concurrency, priority));
        }
        return result;
    }
}

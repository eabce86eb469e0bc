using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>
/// Reads and validates rota.yaml / rota.json (JSON is read by the same YAML parser: every JSON document is YAML).
/// Throws <see cref="ConfigValidationException"/> listing every error; never returns a partly valid document.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] RootKeys = ["queues", "tasks"];
    private static readonly string[] QueueKeys = ["name", "concurrency"];

    /// <param name="knownHandlers">Handler kinds that exist; any other is an error naming the path.</param>
    public static RotaConfigDocument LoadFile(string path, IReadOnlySet<string> knownHandlers)
    {
        if (!File.Exists(path)) throw new ConfigValidationException(path, [new ConfigError("", path, "the configuration file does not exist")]);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var format = ext switch
        {
            ".yaml" or ".yml" => "yaml",
            ".json" => "json",
            _ => throw new ConfigValidationException(path, [new ConfigError("", ext, "unsupported file extension; use .yaml, .yml or .json")]),
        };
        return Parse(File.ReadAllText(path), format, path, knownHandlers);
    }

    /// <param name="format"><c>yaml</c> or <c>json</c>.</param>
    public static RotaConfigDocument Parse(string text, string format, string sourceName, IReadOnlySet<string> knownHandlers)
    {
        if (format is not ("yaml" or "json"))
            throw new ConfigValidationException(sourceName, [new ConfigError("", format, "unsupported format; use yaml or json")]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            throw new ConfigValidationException(sourceName, [new ConfigError("", null, $"{format} syntax error at line {ex.Start.Line}, column {ex.Start.Column}: {message}")]);
        }
        var r = new ConfigReader();
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is null || root is YamlScalarNode { Value: null or "" }) return new RotaConfigDocument([], []);
        if (root is not YamlMappingNode map)
            throw new ConfigValidationException(sourceName, [new ConfigError("", null, $"the top level must be a mapping with 'queues' and 'tasks' (line {root.Start.Line})")]);
        r.CheckKeys(map, "", RootKeys);
        var queues = Queues(r, r.Get(map, "queues"));
        var tasks = new List<Tasks.TaskDefinition>();
        if (r.Get(map, "tasks") is { } tasksNode)
        {
            if (tasksNode is YamlSequenceNode seq)
            {
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    var task = TaskConfigReader.Read(r, seq.Children[i], $"tasks[{i}]", knownHandlers);
                    if (task is null) continue;
                    if (tasks.Any(t => t.Name == task.Name)) r.Error($"tasks[{i}].name", null, $"duplicate task name '{task.Name}'", task.Name);
                    else tasks.Add(task);
                }
            }
            else r.Error("tasks", tasksNode, "expected a list of tasks");
        }
        if (r.Errors.Count > 0) throw new ConfigValidationException(sourceName, r.Errors);
        return new RotaConfigDocument(tasks, queues);
    }

    private static List<QueueDefinition> Queues(ConfigReader r, YamlNode? node)
    {
        var result = new List<QueueDefinition>();
        if (node is null) return result;
        if (node is not YamlSequenceNode seq) { r.Error("queues", node, "expected a list of queues"); return result; }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"queues[{i}]";
            if (seq.Children[i] is not YamlMappingNode m) { r.Error(path, seq.Children[i], "expected a mapping with name and concurrency"); continue; }
            r.CheckKeys(m, path, QueueKeys);
            var name = r.String(r.Get(m, "name"), path + ".name");
            if (name is null) { r.Error(path + ".name", m, "every queue needs a name"); continue; }
            var concurrency = r.Int(r.Get(m, "concurrency"), path + ".concurrency", 1) ?? 10;
            if (result.Any(q => q.Name == name)) r.Error(path + ".name", r.Get(m, "name"), $"duplicate queue name '{name}'");
            else result.Add(new QueueDefinition(name, concurrency));
        }
        return result;
    }
}

using System.Text.RegularExpressions;
using Rota.Pipelines;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Reads one pipeline entry of a configuration file (or an API body); the graph is checked by
/// <see cref="PipelineValidator"/> once every task of the file is known.</summary>
internal static partial class PipelineConfigReader
{
    internal static readonly string[] Keys =
        ["name", "description", "owner", "enabled", "schedules", "steps", .. ScheduleConfigReader.TriggerKeys];

    private static readonly string[] StepKeys =
        ["name", "task", "handler", "parameters", "timeout", "retry", "continue_on_failure", "after", "when"];

    internal static PipelineDefinition? Read(ConfigReader r, YamlNode node, string path)
    {
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping describing a pipeline"); return null; }
        r.CheckKeys(m, path, Keys);
        var before = r.Errors.Count;
        var name = r.String(r.Get(m, "name"), ConfigReader.Join(path, "name"));
        if (name is "" or null) r.Missing(ConfigReader.Join(path, "name"), m, "every pipeline needs a name");
        else if (!NamePattern().IsMatch(name))
            r.Error(ConfigReader.Join(path, "name"), r.Get(m, "name"), "names use lower-case letters, digits, '.', '_' and '-', start with a letter or digit, at most 100 characters");
        var steps = new List<PipelineStep>();
        switch (r.Get(m, "steps"))
        {
            case null or YamlScalarNode { Value: null or "" }:
                r.Missing(ConfigReader.Join(path, "steps"), m, "a pipeline needs at least one step");
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                    if (Step(r, seq.Children[i], ConfigReader.Join(path, $"steps[{i}]")) is { } s) steps.Add(s);
                break;
            case var other:
                r.Error(ConfigReader.Join(path, "steps"), other, $"expected a list of steps (each starting with '- name:'), not {ConfigReader.Kind(other)}");
                break;
        }
        var def = new PipelineDefinition
        {
            Name = name ?? "",
            Description = r.String(r.Get(m, "description"), ConfigReader.Join(path, "description")),
            Owner = r.String(r.Get(m, "owner"), ConfigReader.Join(path, "owner")),
            Enabled = r.Bool(r.Get(m, "enabled"), ConfigReader.Join(path, "enabled")) ?? true,
            Schedules = TaskConfigReader.Schedules(r, m, path, name ?? ""),
            Steps = steps,
        };
        return r.Errors.Count == before ? def : null;
    }

    /// <summary>Reports the graph problems of <paramref name="p"/> at their place in <paramref name="node"/>.</summary>
    internal static void Validate(ConfigReader r, PipelineDefinition p, YamlNode node, string path, Func<string, string?> taskKind,
        IReadOnlySet<string> knownHandlers)
    {
        foreach (var problem in PipelineValidator.Validate(p, taskKind, knownHandlers))
            r.Error(ConfigReader.Join(path, problem.Path), NodeAt(node, problem.Path), problem.Message, problem.Value);
    }

    private static PipelineStep? Step(ConfigReader r, YamlNode node, string path)
    {
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping describing a step (name, task or handler, …)"); return null; }
        r.CheckKeys(m, path, StepKeys);
        var before = r.Errors.Count;
        var name = r.String(r.Get(m, "name"), path + ".name");
        if (name is "" or null) r.Missing(path + ".name", m, "every step needs a name");
        var afterNode = r.Get(m, "after");
        var step = new PipelineStep
        {
            Name = name ?? "",
            Task = r.String(r.Get(m, "task"), path + ".task"),
            Handler = r.String(r.Get(m, "handler"), path + ".handler"),
            Parameters = r.Object(r.Get(m, "parameters"), path + ".parameters") ?? [],
            Timeout = r.Duration(r.Get(m, "timeout"), path + ".timeout", positive: true),
            Retry = r.Get(m, "retry") is { } retry ? PolicyConfigReader.Retry(r, retry, path + ".retry") : null,
            ContinueOnFailure = r.Bool(r.Get(m, "continue_on_failure"), path + ".continue_on_failure") ?? false,
            // 'after: []' (an empty list) starts the step at once; a missing key means "after the previous step".
            After = afterNode is null ? null : r.Strings(afterNode, path + ".after"),
            When = r.String(r.Get(m, "when"), path + ".when"),
        };
        return r.Errors.Count == before ? step : null;
    }

    /// <summary>The node at a path such as <c>steps[1].after[0]</c> (the closest existing ancestor).</summary>
    private static YamlNode NodeAt(YamlNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[');
            var key = bracket < 0 ? part : part[..bracket];
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child)) return node;
            node = child;
            if (bracket < 0) continue;
            var i = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (node is not YamlSequenceNode seq || i >= seq.Children.Count) return node;
            node = seq.Children[i];
        }
        return node;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}

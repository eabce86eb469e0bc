using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>The <c>sources:</c> section: a list of <c>{ url, name, kind, owner, rules }</c>; every problem is recorded
/// with its path and line, rule problems under <c>sources[i].rules…</c>.</summary>
internal static class SourceConfigReader
{
    private static readonly string[] Keys = ["url", "name", "kind", "owner", "rules"];

    public static List<SourceDefinition> Read(ConfigReader r, YamlNode? node, SourceRulesCheck? checkRules)
    {
        var result = new List<SourceDefinition>();
        if (node is null or YamlScalarNode { Value: null or "" }) return result;
        if (node is not YamlSequenceNode seq)
        {
            r.Error("sources", node, $"expected a list of sources (each starting with '- url:'), not {ConfigReader.Kind(node)}");
            return result;
        }
        var seen = new HashSet<(string?, string)>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"sources[{i}]";
            if (seq.Children[i] is not YamlMappingNode m) { r.Error(path, seq.Children[i], "expected a mapping with url and optional name, kind, owner, rules"); continue; }
            r.CheckKeys(m, path, Keys);
            var url = r.String(r.Get(m, "url"), path + ".url");
            if (string.IsNullOrWhiteSpace(url)) { r.Missing(path + ".url", m, "every source needs a url (a feed or page URL, or a handle)"); continue; }
            var owner = r.String(r.Get(m, "owner"), path + ".owner");
            if (!seen.Add((owner, url.Trim()))) r.Error(path + ".url", r.Get(m, "url"), "this source is listed twice");
            var rulesNode = r.Get(m, "rules");
            var rules = r.Object(rulesNode, path + ".rules");
            if (rules is not null && checkRules is not null)
                foreach (var (field, value, message) in checkRules(rules))
                    r.Error($"{path}.{field}", rulesNode, message, value);
            result.Add(new SourceDefinition(url.Trim(), r.String(r.Get(m, "name"), path + ".name"), r.String(r.Get(m, "kind"), path + ".kind"), owner,
                rules is { Count: > 0 } ? rules : null));
        }
        return result;
    }
}

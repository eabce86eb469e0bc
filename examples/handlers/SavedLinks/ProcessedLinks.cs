using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rota.Examples.SavedLinks;

/// <summary>The Notion "Status" column of seed 003, as a JSON-lines file beside the links file: one line per
/// processed link (<c>done</c> or <c>failed</c>). Links listed here are not processed again.</summary>
public sealed class ProcessedLinks(string path)
{
    public string Path { get; } = path;

    public HashSet<string> Read()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(Path)) return seen;
        foreach (var line in File.ReadLines(Path))
            if (line.Length > 0 && JsonNode.Parse(line)?["url"]?.GetValue<string>() is { } url) seen.Add(url);
        return seen;
    }

    public void Append(JsonObject entry) => File.AppendAllText(Path, entry.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
}

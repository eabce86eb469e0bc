using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>
/// Turns text into a YAML tree without stopping at the first problem that YamlDotNet would throw on: duplicate keys
/// are reported (path, line) and dropped, extra documents are reported, so the rest of the file is still validated.
/// Only a syntax error ends reading early, because nothing after it can be trusted.
/// </summary>
internal static class YamlTreeLoader
{
    /// <returns>The root node of the first document, or null when the text is empty or unreadable.</returns>
    public static YamlNode? Load(string text, string format, List<ConfigError> errors)
    {
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) events.Add(parser.Current!);
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException?.Message ?? ex.Message).Trim();
            errors.Add(new ConfigError("", null, $"{format} syntax error: {reason}", (int)ex.Start.Line, (int)ex.Start.Column));
            return null;
        }
        var starts = events.Select((e, i) => (e, i)).Where(x => x.e is DocumentStart).Select(x => x.i).ToList();
        if (starts.Count == 0) return null;
        if (starts.Count > 1)
        {
            var second = events[starts[1]].Start;
            errors.Add(new ConfigError("", "---", $"a configuration file holds one YAML document; found {starts.Count} (the second starts at line {second.Line}); merge them into one",
                (int)second.Line, (int)second.Column));
        }
        var drop = new List<(int From, int To)>();
        var end = Walk(events, starts[0] + 1, "", drop, errors);
        var kept = new List<ParsingEvent> { events[0], events[starts[0]] };
        for (var i = starts[0] + 1; i < end; i++)
        {
            var skip = drop.FirstOrDefault(d => i >= d.From && i < d.To);
            if (skip != default) { i = skip.To - 1; continue; }
            kept.Add(events[i]);
        }
        kept.Add(events[end]);
        kept.Add(new StreamEnd());
        var stream = new YamlStream();
        try
        {
            stream.Load(new ListParser(kept));
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigError("", null, $"{format} error: {ex.Message}", (int)ex.Start.Line, (int)ex.Start.Column));
            return null;
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>Walks one node starting at <paramref name="i"/>; returns the index after it. Records duplicate keys.</summary>
    private static int Walk(List<ParsingEvent> events, int i, string path, List<(int, int)> drop, List<ConfigError> errors)
    {
        switch (events[i])
        {
            case SequenceStart:
                var j = i + 1;
                for (var n = 0; events[j] is not SequenceEnd; n++) j = Walk(events, j, $"{path}[{n}]", drop, errors);
                return j + 1;
            case MappingStart:
                var seen = new Dictionary<string, Mark>(StringComparer.Ordinal);
                var k = i + 1;
                while (events[k] is not MappingEnd)
                {
                    var keyAt = k;
                    var key = (events[k] as Scalar)?.Value;
                    var valueAt = Walk(events, k, path, drop, errors);
                    k = Walk(events, valueAt, key is null ? path : ConfigReader.Join(path, key), drop, errors);
                    if (key is null) continue;
                    if (seen.TryGetValue(key, out var first))
                    {
                        var at = events[keyAt].Start;
                        errors.Add(new ConfigError(ConfigReader.Join(path, key), key, $"duplicate key; it is already given at line {first.Line}", (int)at.Line, (int)at.Column));
                        drop.Add((keyAt, k));
                    }
                    else seen[key] = events[keyAt].Start;
                }
                return k + 1;
            default:
                return i + 1; // scalar or alias
        }
    }

    /// <summary>Replays a list of events to <see cref="YamlStream.Load(IParser)"/>.</summary>
    private sealed class ListParser(List<ParsingEvent> events) : IParser
    {
        private int _index = -1;

        public ParsingEvent? Current => _index >= 0 && _index < events.Count ? events[_index] : null;

        public bool MoveNext() => ++_index < events.Count;
    }
}

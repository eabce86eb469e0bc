using System.Text.Json;
using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests.Corpus;

/// <summary>Parses every corpus file as upstream's harness hands it over (HTTP headers become parse options) and
/// checks index.json's expectations; returns one outcome per file.</summary>
internal static class CorpusRunner
{
    public sealed record Outcome(string File, string Category, bool Passed, string Detail);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<IReadOnlyList<Outcome>> Cached = new(RunAll);

    public static IReadOnlyList<Outcome> Results => Cached.Value;

    private static List<Outcome> RunAll()
    {
        var dir = CorpusLocator.Directory();
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "index.json")));
        var outcomes = new List<Outcome>();
        foreach (var test in index.RootElement.GetProperty("tests").EnumerateArray())
            outcomes.Add(RunOne(dir, test));
        return outcomes;
    }

    private static Outcome RunOne(string dir, JsonElement test)
    {
        var file = test.GetProperty("file").GetString()!;
        var category = test.GetProperty("category").GetString()!;
        if (test.GetProperty("checks").ValueKind != JsonValueKind.Array)
            return new Outcome(file, category, false, "no language-neutral checks: " + test.GetProperty("expect").GetString());
        FeedDocument doc;
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, file));
            var options = OptionsFor(file, test);
            var parse = Task.Run(() => FeedParser.Parse(bytes, options));
            if (!parse.Wait(TimeSpan.FromSeconds(10))) return new Outcome(file, category, false, "HANG: no result within 10 s");
            doc = parse.Result;
        }
        catch (AggregateException agg) when (agg.InnerException is FeedParseException ex)
        {
            return new Outcome(file, category, false, $"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex)
        {
            return new Outcome(file, category, false, $"CRASH {ex.GetType().Name}: {ex.Message} {ex.StackTrace?.Split('\n').FirstOrDefault()}");
        }
        var view = FeedparserView.Of(doc);
        var checks = test.GetProperty("checks").EnumerateArray().ToList();
        var harness = test.GetProperty("harness");
        if (harness.TryGetProperty("bozo", out var bozo) && bozo.ValueKind is JsonValueKind.True or JsonValueKind.False
            && (doc.Warnings.Count > 0) != (bozo.ValueKind == JsonValueKind.True))
            return new Outcome(file, category, false, $"bozo expected {bozo}; warnings: {string.Join("; ", doc.Warnings)}");
        foreach (var check in checks)
            if (!CheckEvaluator.Holds(view, check))
                return new Outcome(file, category, false, $"failed {System.Text.Json.Nodes.JsonNode.Parse(check.GetRawText())!.ToJsonString(Relaxed)}; got {Excerpt(view, check)}");
        return new Outcome(file, category, true, "");
    }

    private static FeedParseOptions OptionsFor(string file, JsonElement test)
    {
        if (!test.GetProperty("harness").GetProperty("http").GetBoolean()) return FeedParseOptions.Default;
        string contentType = "text/xml";
        string? location = null, language = null;
        foreach (var header in test.GetProperty("http_headers").EnumerateArray())
        {
            var name = header[0].GetString()!;
            var value = header[1].GetString()!;
            if (name.Equals("Content-type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else if (name.Equals("Content-Location", StringComparison.OrdinalIgnoreCase)) location = value;
            else if (name.Equals("Content-Language", StringComparison.OrdinalIgnoreCase)) language = value;
        }
        var documentUri = new Uri("http://127.0.0.1:8097/tests/" + file);
        var baseUri = location is null ? documentUri : new Uri(documentUri, location);
        if (baseUri.Scheme is not ("http" or "https")) baseUri = documentUri; // as feedparser: an unsafe Content-Location is ignored
        return new FeedParseOptions { BaseUri = baseUri, ContentType = contentType, DefaultLanguage = language };
    }

    private static string Excerpt(System.Text.Json.Nodes.JsonObject view, JsonElement check)
    {
        var path = check.GetProperty("path");
        System.Text.Json.Nodes.JsonNode? node = view;
        foreach (var seg in path.EnumerateArray())
        {
            node = seg.ValueKind == JsonValueKind.Number
                ? node is System.Text.Json.Nodes.JsonArray a && a.Count > 0 ? a[Math.Clamp(seg.GetInt32() < 0 ? a.Count + seg.GetInt32() : seg.GetInt32(), 0, a.Count - 1)] : null
                : node is System.Text.Json.Nodes.JsonObject o && o.TryGetPropertyValue(seg.GetString()!, out var c) ? c : null;
            if (node is null) return $"(missing at {seg})";
        }
        var text = node?.ToJsonString(Relaxed) ?? "null";
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

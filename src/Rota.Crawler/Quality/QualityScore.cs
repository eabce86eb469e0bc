using System.Text.Json.Nodes;

namespace Rota.Crawler.Quality;

/// <summary>An item's quality, 0–100, and the points each signal gave (negative for penalties), in the order
/// <see cref="QualityScorer"/> documents them.</summary>
public sealed record QualityScore(int Score, IReadOnlyList<(string Signal, int Points)> Signals)
{
    public JsonObject SignalsJson()
    {
        var json = new JsonObject();
        foreach (var (signal, points) in Signals) json[signal] = points;
        return json;
    }
}

namespace Rota.Crawler.Quality;

/// <summary>Near-duplicate titles: the same words once case, punctuation and order are ignored, or word sets that
/// overlap by at least <see cref="Threshold"/> (Jaccard) when both have at least three words.</summary>
public static class TitleSimilarity
{
    public const double Threshold = 0.8;

    public static HashSet<string> Words(string? title)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(title)) return words;
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var letter = i < title.Length && char.IsLetterOrDigit(title[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                words.Add(title[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }

    public static bool AreNear(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return false;
        if (a.SetEquals(b)) return true;
        if (a.Count < 3 || b.Count < 3) return false;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared) >= Threshold;
    }
}

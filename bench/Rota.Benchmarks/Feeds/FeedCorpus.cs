namespace Rota.Benchmarks.Feeds;

/// <summary>Every feed file of the corpus (<c>*.xml</c> and <c>*.json</c>, not <c>index.json</c>), read into memory
/// once, in ordinal path order.</summary>
internal static class FeedCorpus
{
    public static FeedSet Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new FeedBenchException($"feed corpus not found at {dir}; pass --corpus DIR or set ROTA_FEED_CORPUS");
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                        || (f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(f) != "index.json"))
            .Order(StringComparer.Ordinal)
            .Select(f => new FeedInput(f, File.ReadAllBytes(f)))
            .ToList();
        if (files.Count == 0) throw new FeedBenchException($"no feed files under {dir}");
        return new FeedSet("corpus", files);
    }
}

namespace Rota.Crawler.Tests.Corpus;

/// <summary>Finds the shared feed corpus: <c>../shared/corpus/feedparser</c> next to the repository (or
/// ROTA_FEED_CORPUS), failing with instructions when it is not there.</summary>
internal static class CorpusLocator
{
    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable("ROTA_FEED_CORPUS") is { Length: > 0 } given) return Check(given);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rota.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("corpus: cannot find the repository root (Rota.slnx) above " + AppContext.BaseDirectory);
        return Check(Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "feedparser")));
    }

    private static string Check(string path) => File.Exists(Path.Combine(path, "index.json"))
        ? path
        : throw new InvalidOperationException(
            $"corpus: the feedparser corpus is missing: no index.json in '{path}'. Place the shared corpus at ../shared/corpus/feedparser " +
            "relative to the repository root, or set ROTA_FEED_CORPUS to its directory.");
}

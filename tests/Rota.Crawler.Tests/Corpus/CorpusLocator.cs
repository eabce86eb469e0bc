namespace Rota.Crawler.Tests.Corpus;

/// <summary>Finds the feed corpus: ROTA_FEED_CORPUS, else the shared <c>../shared/corpus/feedparser</c> next to the
/// repository, else the copy kept in this project (Corpus/feedparser, same files and licence) so a clone alone can
/// run the suite; fails with instructions when none is there.</summary>
internal static class CorpusLocator
{
    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable("ROTA_FEED_CORPUS") is { Length: > 0 } given) return Check(given);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rota.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("corpus: cannot find the repository root (Rota.slnx) above " + AppContext.BaseDirectory);
        var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "feedparser"));
        if (File.Exists(Path.Combine(shared, "index.json"))) return shared;
        return Check(Path.Combine(dir.FullName, "tests", "Rota.Crawler.Tests", "Corpus", "feedparser"));
    }

    private static string Check(string path) => File.Exists(Path.Combine(path, "index.json"))
        ? path
        : throw new InvalidOperationException(
            $"corpus: the feedparser corpus is missing: no index.json in '{path}'. Place the shared corpus at ../shared/corpus/feedparser " +
            "relative to the repository root, or set ROTA_FEED_CORPUS to its directory.");
}

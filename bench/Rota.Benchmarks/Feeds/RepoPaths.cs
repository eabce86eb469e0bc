namespace Rota.Benchmarks.Feeds;

/// <summary>The repository root (the directory holding Rota.slnx), found upwards from the working directory or the
/// executable; and the feed corpus (<c>ROTA_FEED_CORPUS</c>, else ../shared/corpus/feedparser from the root).</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Rota.slnx"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    public static string Corpus(string? option)
    {
        if (!string.IsNullOrEmpty(option)) return Path.GetFullPath(option);
        if (Environment.GetEnvironmentVariable("ROTA_FEED_CORPUS") is { Length: > 0 } env) return Path.GetFullPath(env);
        return Path.GetFullPath(Path.Combine(Root(), "..", "shared", "corpus", "feedparser"));
    }
}

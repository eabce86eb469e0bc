using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Scenarios;

/// <summary>Options of the feeds scenario.</summary>
internal sealed record FeedsSettings(int Repeat, int LargeEntries, string? Corpus, int TimeoutSeconds)
{
    public static FeedsSettings From(BenchArgs args)
    {
        var corpus = args.Text("corpus", "");
        return new FeedsSettings(
            args.Int("repeat", 5),
            args.Int("large-entries", 500),
            corpus.Length == 0 ? null : corpus,
            args.Int("timeout", 1_200));
    }

    public override string ToString() =>
        $"every corpus file and 2 generated feeds (RSS 2.0, Atom 1.0) of {LargeEntries} entries · warm-up pass, then {Repeat} timed passes (median pass) · one thread per parser";
}

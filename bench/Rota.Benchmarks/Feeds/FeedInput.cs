namespace Rota.Benchmarks.Feeds;

/// <summary>One feed document held in memory, with the path it was read from (the Python side reads the same file).</summary>
internal sealed record FeedInput(string Path, byte[] Bytes);

/// <summary>A named set of inputs measured together (the corpus, or the generated large feeds).</summary>
internal sealed record FeedSet(string Name, IReadOnlyList<FeedInput> Inputs)
{
    public long Bytes { get; } = Inputs.Sum(i => (long)i.Bytes.Length);
}

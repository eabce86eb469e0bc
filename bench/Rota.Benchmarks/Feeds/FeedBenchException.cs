namespace Rota.Benchmarks.Feeds;

/// <summary>The feeds scenario cannot run (corpus, Python or feedparser missing); the message says how to fix it.</summary>
internal sealed class FeedBenchException(string message) : Exception(message);

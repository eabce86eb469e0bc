using Rota.Crawler.Discovery;
using Rota.Crawler.Sources;

namespace Rota.Server.Dashboard.Models;

/// <summary>What adding <see cref="Input"/> would subscribe to: the feeds found (best first) or why none was.</summary>
/// <param name="Page">The page that was searched for feeds; null when the input named a feed directly (confirming then
/// adds the input itself, keeping its kind, e.g. <c>reddit</c>).</param>
/// <param name="Note">A warning that does not prevent adding (the feed could not be read just now).</param>
public sealed record SourcePreview(string Input, SourceKind? Kind, IReadOnlyList<FeedCandidate> Candidates, Uri? Page, string? Error, string? Note = null);

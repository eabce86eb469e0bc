namespace Rota.Client.Models;

/// <summary>The answer of <c>POST /api/v1/sources</c>: <see cref="Created"/> is false (200) when the owner already had
/// the same feed, true (201) for a new source.</summary>
public sealed record SourceAdded(bool Created, SourceInfo Source);

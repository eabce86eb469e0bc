using Rota.Storage;

namespace Rota.Crawler.Sources;

/// <summary>What <see cref="SourceRegistrar.AddAsync"/> did: the source, whether it is new (false: the owner already had
/// a source with the same normalized feed URL, left unchanged), and the page its feed was discovered on, if any.</summary>
public sealed record SourceAddResult(SourceRow Source, bool Created, string? DiscoveredFrom);

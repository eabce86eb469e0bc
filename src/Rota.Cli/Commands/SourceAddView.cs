namespace Rota.Cli.Commands;

/// <summary>What <c>source add</c> prints: whether the source is new and the page its feed was discovered on.</summary>
public sealed record SourceAddView(bool Created, string? DiscoveredFrom, SourceView Source);

namespace Rota.Alerts;

/// <summary>A rule's message text with <c>{placeholder}</c>s; null parts fall back to <see cref="AlertDefaults"/>.</summary>
public sealed record AlertTemplate
{
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public string? ResolvedSubject { get; init; }
    public string? ResolvedBody { get; init; }
}

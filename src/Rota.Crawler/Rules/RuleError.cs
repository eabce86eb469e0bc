namespace Rota.Crawler.Rules;

/// <summary>One problem with a source's crawl rules: the field path (<c>rules.block[0].regex</c>), the offending value
/// and what is wrong.</summary>
public sealed record RuleError(string Field, string? Value, string Message)
{
    public override string ToString() => Value is null ? $"{Field}: {Message}" : $"{Field}: {Message} (value: {Value})";
}

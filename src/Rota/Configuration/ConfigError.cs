namespace Rota.Configuration;

/// <summary>One problem in a configuration file: where (<c>tasks[2].schedules[0].cron</c>), the bad value, why, and
/// the 1-based line and column when the problem has a place in the text.</summary>
public sealed record ConfigError(string Path, string? Value, string Message, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var at = Line is { } l ? $"line {l}, column {Column ?? 1}: " : "";
        var path = Path.Length == 0 ? "" : Path + ": ";
        return Value is null ? $"{at}{path}{Message}" : $"{at}{path}{Message} (value: '{Value}')";
    }
}

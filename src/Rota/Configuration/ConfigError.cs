namespace Rota.Configuration;

/// <summary>One problem in a configuration file: where (<c>tasks[2].schedules[0].cron</c>), the bad value, and why.</summary>
public sealed record ConfigError(string Path, string? Value, string Message)
{
    public override string ToString() => Value is null ? $"{Path}: {Message}" : $"{Path}: {Message} (value: '{Value}')";
}

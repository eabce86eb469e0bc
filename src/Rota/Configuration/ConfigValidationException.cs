namespace Rota.Configuration;

/// <summary>A configuration file was rejected; <see cref="Errors"/> lists every problem (not just the first), in
/// the order they appear in the file.</summary>
public sealed class ConfigValidationException(string source, IReadOnlyList<ConfigError> errors)
    : RotaException("config.invalid",
        $"config: {source} has {errors.Count} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public string ConfigSource { get; } = source;
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}

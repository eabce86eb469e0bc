namespace Rota.Configuration;

/// <summary>Reads and validates rota.yaml / rota.json. Throws <see cref="ConfigValidationException"/> listing every error.</summary>
public static class ConfigLoader
{
    /// <param name="knownHandlers">Handler kinds that exist; any other is an error naming the path.</param>
    public static RotaConfigDocument LoadFile(string path, IReadOnlySet<string> knownHandlers) => throw new NotImplementedException();

    /// <param name="format"><c>yaml</c> or <c>json</c>.</param>
    public static RotaConfigDocument Parse(string text, string format, string sourceName, IReadOnlySet<string> knownHandlers) => throw new NotImplementedException();
}

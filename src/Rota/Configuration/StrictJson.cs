using System.Text.Json;

namespace Rota.Configuration;

/// <summary>rota.json must be real JSON: the YAML parser that reads it would quietly accept comments, trailing commas
/// and unquoted keys, so the text is checked by System.Text.Json first.</summary>
internal static class StrictJson
{
    /// <returns>The first syntax error with its 1-based line and column, or null when the text is valid JSON.</returns>
    public static ConfigError? Check(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return null;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var reason = ex.Message;
            foreach (var noise in new[] { " Change the reader options.", " LineNumber:" })
            {
                var cut = reason.IndexOf(noise, StringComparison.Ordinal);
                if (cut > 0) reason = reason[..cut]; // positions are in Line/Column; options are ours, not the user's
            }
            return new ConfigError("", null, $"json syntax error: {reason}", line, column);
        }
    }
}

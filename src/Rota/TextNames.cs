using System.Collections.Frozen;
using System.Text;

namespace Rota;

/// <summary>Converts between PascalCase enum names and the snake_case used in files, SQL and JSON.</summary>
internal static class TextNames
{
    public static string ToSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The snake_case name of <paramref name="value"/>; defined values come from a per-type table, since lists
    /// write a status and a trigger per row.</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        SnakeNames<T>.ByValue.TryGetValue(value, out var name) ? name : ToSnake(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        SnakeNames<T>.ByName.TryGetValue(text, out var known) ? known : TryParse<T>(text, out var v) ? v : throw new RotaException("value.unknown", $"value: '{text}' is not a known {typeof(T).Name}");
}

/// <summary>The snake_case names of one enum's defined values, both ways (exact names only; other spellings go through
/// <see cref="TextNames.TryParse{T}"/>).</summary>
internal static class SnakeNames<T> where T : struct, Enum
{
    public static readonly FrozenDictionary<T, string> ByValue =
        Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => TextNames.ToSnake(v.ToString()));

    public static readonly FrozenDictionary<string, T> ByName =
        ByValue.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
}

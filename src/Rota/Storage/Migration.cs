using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Rota.Storage;

/// <summary>One numbered, append-only schema migration with its up and down scripts.</summary>
public sealed partial record Migration(int Version, string Name, string Up, string Down)
{
    /// <summary>Loads embedded <c>Migrations/NNNN_name.sql</c> files: a <c>-- migration: N name</c> header, then
    /// <c>-- up</c> and <c>-- down</c> sections. Versions must be 1, 2, 3… without gaps.</summary>
    public static IReadOnlyList<Migration> FromAssembly(Assembly assembly)
    {
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(Parse(reader.ReadToEnd(), resource));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < list.Count; i++)
            if (list[i].Version != i + 1)
                throw new RotaException("store.migration_gap", $"store: migration {i + 1} is missing (found {list[i].Version} {list[i].Name})");
        return list;
    }

    internal static Migration Parse(string text, string source)
    {
        var header = HeaderPattern().Match(text);
        if (!header.Success) throw new RotaException("store.migration_invalid", $"store: {source} lacks a '-- migration: N name' header");
        var up = text.IndexOf("\n-- up", StringComparison.Ordinal);
        var down = text.IndexOf("\n-- down", StringComparison.Ordinal);
        if (up < 0 || down < up) throw new RotaException("store.migration_invalid", $"store: {source} needs '-- up' then '-- down' sections");
        var upSql = text[(text.IndexOf('\n', up + 1) + 1)..down].Trim();
        var downSql = text[(text.IndexOf('\n', down + 1) + 1)..].Trim();
        return new Migration(int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), header.Groups[2].Value.Trim(), upSql, downSql);
    }

    [GeneratedRegex(@"^-- migration:\s*(\d+)\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex HeaderPattern();
}

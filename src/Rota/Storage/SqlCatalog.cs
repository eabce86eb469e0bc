using System.Reflection;
using System.Text;

namespace Rota.Storage;

/// <summary>
/// Named SQL statements loaded from embedded <c>Sql/*.sql</c> files. Each statement starts with a
/// <c>-- name: StatementName</c> header and runs until the next header. Both dialects define the same names.
/// </summary>
public sealed class SqlCatalog
{
    private readonly Dictionary<string, string> _statements;

    private SqlCatalog(Dictionary<string, string> statements) => _statements = statements;

    public IReadOnlyCollection<string> Names => _statements.Keys;

    public string this[string name] => _statements.TryGetValue(name, out var sql)
        ? sql
        : throw new RotaException("store.unknown_statement", $"store: no SQL statement named '{name}'");

    /// <summary>Loads every embedded resource whose name contains <c>.Sql.</c> and ends in <c>.sql</c>.</summary>
    public static SqlCatalog FromAssembly(Assembly assembly)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Sql.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            foreach (var (name, sql) in Split(reader.ReadToEnd()))
            {
                if (!all.TryAdd(name, sql))
                    throw new RotaException("store.duplicate_statement", $"store: SQL statement '{name}' is defined twice ({resource})");
            }
        }
        return new SqlCatalog(all);
    }

    internal static IEnumerable<(string Name, string Sql)> Split(string text)
    {
        string? current = null;
        var body = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("-- name:", StringComparison.Ordinal))
            {
                if (current is not null) yield return (current, body.ToString().Trim());
                current = trimmed["-- name:".Length..].Trim();
                body.Clear();
            }
            else if (current is not null) body.Append(trimmed).Append('\n');
        }
        if (current is not null) yield return (current, body.ToString().Trim());
    }
}

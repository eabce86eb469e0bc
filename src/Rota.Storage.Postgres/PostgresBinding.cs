using Npgsql;

namespace Rota.Storage.Postgres;

/// <summary>
/// Binds <c>@name</c> parameters of catalog statements run as raw commands (the set-based hot paths, whose arrays
/// Dapper would expand into lists, and the runs list). Parameters are typed by their CLR type, null or not: an untyped
/// null goes out as "unknown", and Npgsql will not reuse a statement prepared with other parameter types — the
/// statement then ran unprepared (parsed and planned again) on every connection that first saw the other variant.
/// </summary>
internal static class PostgresBinding
{
    public static NpgsqlBatchCommand Bind<T>(this NpgsqlBatchCommand cmd, string name, T value)
    {
        cmd.Parameters.Add(Typed(name, value));
        return cmd;
    }

    public static NpgsqlCommand Bind<T>(this NpgsqlCommand cmd, string name, T value)
    {
        cmd.Parameters.Add(Typed(name, value));
        return cmd;
    }

    /// <summary>A parameter typed by <typeparamref name="T"/> (nullable value types included), so a null keeps its type.</summary>
    public static NpgsqlParameter Typed<T>(string name, T value) =>
        typeof(T) == typeof(object) ? new NpgsqlParameter(name, (object?)value ?? DBNull.Value) : new NpgsqlParameter<T>(name, value);
}

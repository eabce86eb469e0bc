using Npgsql;

namespace Rota.Storage.Postgres;

/// <summary>
/// Binds <c>@name</c> parameters of catalog statements run as raw commands (the set-based hot paths, whose arrays
/// Dapper would expand into lists). Every such parameter carries a cast in the SQL, so a null needs no type here.
/// </summary>
internal static class PostgresBinding
{
    public static NpgsqlBatchCommand Bind(this NpgsqlBatchCommand cmd, string name, object? value)
    {
        cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return cmd;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand cmd, string name, object? value)
    {
        cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return cmd;
    }
}

using System.Net.Sockets;
using Npgsql;

namespace Rota.Storage.Postgres;

/// <summary>
/// Maps Npgsql and PostgreSQL errors to <see cref="RotaException"/> codes:
/// <list type="bullet">
/// <item><c>store.unavailable</c> (transient): the server cannot be reached, refused or dropped the connection,
/// is starting up or shutting down, or ran out of connections/resources; a timeout.</item>
/// <item><c>store.conflict</c> (transient): serialization failure or deadlock; the same call may succeed again.</item>
/// <item><c>store.not_migrated</c>: a Rota table or the schema is missing; run <c>rota migrate up</c>.</item>
/// <item><c>store.auth_failed</c>: wrong user or password, no such database or no permission.</item>
/// <item><c>store.constraint</c>: a row broke a unique, foreign-key or check constraint.</item>
/// <item><c>store.failed</c>: any other server error, with its SQLSTATE in the message.</item>
/// </list>
/// </summary>
internal static class PostgresErrors
{
    /// <summary>The RotaException for <paramref name="ex"/>, or null when it is not a database error.</summary>
    public static RotaException? Translate(Exception ex, PostgresStore store)
    {
        var where = $"PostgreSQL {store.Host} schema {store.Schema}";
        switch (ex)
        {
            case RotaException:
                return null;
            case PostgresException pg:
                return FromState(pg, where);
            case NpgsqlException { InnerException: TimeoutException } or TimeoutException:
                return new RotaException("store.unavailable", $"store: {where} timed out: {ex.Message}", isTransient: true, inner: ex);
            case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
            case NpgsqlException { IsTransient: true }:
                return new RotaException("store.unavailable", $"store: {where} is unreachable: {ex.Message}", isTransient: true, inner: ex);
            case NpgsqlException:
                return new RotaException("store.failed", $"store: {where}: {ex.Message}", inner: ex);
            case SocketException or IOException:
                return new RotaException("store.unavailable", $"store: {where} is unreachable: {ex.Message}", isTransient: true, inner: ex);
            default:
                return null;
        }
    }

    private static RotaException FromState(PostgresException pg, string where)
    {
        var state = pg.SqlState;
        var text = $"{where}: {pg.MessageText} (SQLSTATE {state})";
        return state switch
        {
            "40001" or "40P01" => new RotaException("store.conflict", $"store: {text}", isTransient: true, inner: pg),
            "42P01" or "3F000" => new RotaException("store.not_migrated", $"store: {text}; run 'rota migrate up'", inner: pg),
            "28000" or "28P01" or "3D000" or "42501" => new RotaException("store.auth_failed", $"store: {text}", inner: pg),
            _ when state.StartsWith("23", StringComparison.Ordinal) => new RotaException("store.constraint", $"store: {text}", inner: pg),
            _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                || state.StartsWith("57P", StringComparison.Ordinal) || state == "57014"
                => new RotaException("store.unavailable", $"store: {text}", isTransient: true, inner: pg),
            _ => new RotaException("store.failed", $"store: {text}", isTransient: pg.IsTransient, inner: pg),
        };
    }
}

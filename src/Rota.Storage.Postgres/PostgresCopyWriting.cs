using Npgsql;
using NpgsqlTypes;

namespace Rota.Storage.Postgres;

/// <summary>Typed field writes for binary COPY: the type is named, so Npgsql infers nothing per field, and a null
/// goes as the binary format's null marker.</summary>
internal static class PostgresCopyWriting
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    public static Task WriteOrNullAsync(this NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}

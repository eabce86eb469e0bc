using System.CommandLine;
using Rota.Storage;
using Rota.Storage.Postgres;
using Rota.Storage.Sqlite;

namespace Rota.Cli;

/// <summary>
/// Which store a command uses: <c>--store sqlite</c> (default; the file from <c>--db</c>) or <c>--store postgres</c>
/// (<c>--connection</c>, <c>--schema</c>). Flags win over the environment (<c>ROTA_STORE</c>, <c>ROTA_CONNECTION</c>,
/// <c>ROTA_SCHEMA</c>, <c>ROTA_DB</c>).
/// </summary>
public sealed record StoreChoice(string Kind, string DbPath, string? Connection, string Schema)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static readonly Option<string> StoreOption = new("--store")
    {
        Description = "Store: sqlite (default) or postgres (env ROTA_STORE)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ROTA_STORE") is { Length: > 0 } s ? s : Sqlite,
    };

    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "PostgreSQL connection string, e.g. \"Host=db;Username=rota;Password=…;Database=rota\" (env ROTA_CONNECTION)",
        Recursive = true,
    };

    public static readonly Option<string> SchemaOption = new("--schema")
    {
        Description = "PostgreSQL schema holding Rota's tables, created when missing (env ROTA_SCHEMA; default rota)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ROTA_SCHEMA") is { Length: > 0 } s ? s : PostgresStore.DefaultSchema,
    };

    public bool IsPostgres => Kind == Postgres;

    /// <summary>Reads and checks the choice; a wrong store name or a postgres store without a connection string is a
    /// <c>cli.invalid_store</c> error naming the fix.</summary>
    public static StoreChoice From(ParseResult p)
    {
        var kind = (p.GetValue(StoreOption) ?? Sqlite).Trim().ToLowerInvariant();
        if (kind is "postgresql" or "pg") kind = Postgres;
        if (kind is not (Sqlite or Postgres))
            throw new RotaException("cli.invalid_store", $"cli: --store '{kind}' is not a store; use sqlite or postgres");
        var connection = p.GetValue(ConnectionOption) ?? Environment.GetEnvironmentVariable("ROTA_CONNECTION");
        if (kind == Postgres && string.IsNullOrWhiteSpace(connection))
            throw new RotaException("cli.invalid_store", "cli: --store postgres needs --connection \"Host=…;Username=…;Database=…\" (or ROTA_CONNECTION)");
        return new StoreChoice(kind, CliContext.DbPath(p), connection, p.GetValue(SchemaOption) ?? PostgresStore.DefaultSchema);
    }

    /// <summary>Opens the store; does not migrate.</summary>
    public async Task<IRotaStore> OpenAsync(CancellationToken ct = default) => IsPostgres
        ? await PostgresStore.OpenAsync(Connection!, Schema, ct: ct)
        : await SqliteStore.OpenAsync(DbPath, ct);

    /// <summary>Where the data is, for messages (never the password).</summary>
    public string Describe() => IsPostgres
        ? $"PostgreSQL {PostgresStore.Create(Connection!, Schema).Host} schema {Schema}"
        : Path.GetFullPath(DbPath);
}

using System.Globalization;
using Rota.Benchmarks.Measure;
using Rota.Storage;
using Rota.Storage.Postgres;
using Rota.Storage.Sqlite;

namespace Rota.Benchmarks.Api;

/// <summary>A store of one kind filled with N history runs (<see cref="ApiSeeder"/>), served by a real <c>rota serve</c>
/// for the length of <c>body</c>; a PostgreSQL schema is migrated down to nothing afterwards.</summary>
internal static class SeededServe
{
    public static async Task RunAsync(string store, int runs, string? pg, string label, Func<ServeProcess, Task> body)
    {
        using var dir = new WorkDirectory(label + "-" + store);
        var schema = $"bench_{label}_{Environment.ProcessId}";
        var db = Path.Combine(dir.Path, "rota.db");
        await using (IRotaStore s = store == "sqlite" ? await SqliteStore.OpenAsync(db) : await PostgresStore.OpenAsync(pg!, schema))
        {
            var took = await ApiSeeder.SeedAsync(s, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: seeded {runs:N0} runs in {took.TotalSeconds:N1} s"));
        }
        // After a bulk load, as PostgreSQL's "Populating a Database" advises: otherwise autovacuum's first pass over the
        // new million rows (and its statistics) lands inside the measured seconds.
        if (store == "postgres") await VacuumAnalyzeAsync(pg!, schema);
        string[] storeArgs = store == "sqlite" ? ["--db", db] : ["--store", "postgres", "--connection", pg!, "--schema", schema];
        await using (var serve = await ServeProcess.StartAsync(dir.Path, storeArgs))
            await body(serve);
        if (store == "postgres")
            await using (var s = await PostgresStore.OpenAsync(pg!, schema)) await s.MigrationDown(new MigrationDownParams(0));
    }

    private static async Task VacuumAnalyzeAsync(string pg, string schema)
    {
        await using var c = new Npgsql.NpgsqlConnection(pg);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"VACUUM (ANALYZE) \"{schema}\".rota_runs", c) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }
}

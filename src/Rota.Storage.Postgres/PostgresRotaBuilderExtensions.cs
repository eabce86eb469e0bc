using Microsoft.Extensions.DependencyInjection;
using Rota.Hosting;
using Rota.Storage;

namespace Rota.Storage.Postgres;

public static class PostgresRotaBuilderExtensions
{
    /// <summary>Stores Rota's data in PostgreSQL, in <paramref name="schema"/> (created when missing), and applies
    /// pending migrations on start unless <paramref name="migrate"/> is false. Every node of a cluster uses the same
    /// connection string and schema; sets <see cref="RotaOptions.SingleNode"/> to false.</summary>
    public static RotaBuilder UsePostgres(this RotaBuilder builder, string connectionString, string schema = PostgresStore.DefaultSchema, bool migrate = true)
    {
        // Other nodes share the database: their running runs are rescued only once their leases expire.
        builder.Options.SingleNode = false;
        builder.Services.AddSingleton<IRotaStore>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var store = PostgresStore.OpenAsync(connectionString, schema).GetAwaiter().GetResult();
            if (migrate) store.MigrationUp(new MigrationUpParams(time.GetUtcNow())).GetAwaiter().GetResult();
            return store;
        });
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Rota.Hosting;
using Rota.Storage;

namespace Rota.Storage.Postgres;

public static class PostgresRotaBuilderExtensions
{
    /// <summary>Stores Rota's data in PostgreSQL, in <paramref name="schema"/> (created when missing), and applies
    /// pending migrations on start unless <paramref name="migrate"/> is false. Every node of a cluster uses the same
    /// connection string and schema; sets <see cref="RotaOptions.SingleNode"/> to false, <see cref="RotaOptions.ClaimAheadFactor"/> to 16, <see cref="RotaOptions.CompletionLinger"/> to 5 ms and
    /// <see cref="RotaOptions.EarlyClaimWindow"/> to 100 ms (at most <see cref="RotaOptions.FireAhead"/>) (each when 0). <paramref name="notifications"/>
    /// (default on) wakes other nodes through LISTEN/NOTIFY; turn it off behind a transaction-pooling proxy (PgBouncer),
    /// where nodes then find each other's work on their <see cref="RotaOptions.PollInterval"/>.</summary>
    public static RotaBuilder UsePostgres(this RotaBuilder builder, string connectionString, string schema = PostgresStore.DefaultSchema,
        bool migrate = true, bool notifications = true)
    {
        // Other nodes share the database: their running runs are rescued only once their leases expire.
        builder.Options.SingleNode = false;
        // Each claim and each completion batch is a durable commit: claim runs for a few slots' worth ahead.
        if (builder.Options.ClaimAheadFactor == 0) builder.Options.ClaimAheadFactor = 16;
        if (builder.Options.CompletionLinger == TimeSpan.Zero) builder.Options.CompletionLinger = TimeSpan.FromMilliseconds(5);
        // A claim is a round trip, and on a busy cluster a wait for the queue's lock: pay it before the due instant.
        if (builder.Options.EarlyClaimWindow == TimeSpan.Zero)
            builder.Options.EarlyClaimWindow = TimeSpan.FromMilliseconds(Math.Min(100, builder.Options.FireAhead.TotalMilliseconds));
        builder.Services.AddSingleton<IRotaStore>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var store = PostgresStore.OpenAsync(connectionString, schema, notifications: notifications).GetAwaiter().GetResult();
            if (migrate) store.MigrationUp(new MigrationUpParams(time.GetUtcNow())).GetAwaiter().GetResult();
            return store;
        });
        return builder;
    }
}

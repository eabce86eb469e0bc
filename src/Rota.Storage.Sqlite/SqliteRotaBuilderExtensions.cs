using Microsoft.Extensions.DependencyInjection;
using Rota.Hosting;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public static class SqliteRotaBuilderExtensions
{
    /// <summary>Stores Rota's data in a SQLite file (created when missing) and applies pending migrations on start
    /// unless <paramref name="migrate"/> is false.</summary>
    public static RotaBuilder UseSqlite(this RotaBuilder builder, string path, bool migrate = true)
    {
        builder.Services.AddSingleton<IRotaStore>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var store = SqliteStore.OpenAsync(path).GetAwaiter().GetResult();
            if (migrate) store.MigrationUp(new MigrationUpParams(time.GetUtcNow())).GetAwaiter().GetResult();
            return store;
        });
        return builder;
    }
}

using Npgsql;
using Rota.Storage.Postgres;

namespace Rota.Storage.Tests;

/// <summary><see cref="PostgresBinding"/>: a parameter keeps its type when null, so a statement auto-prepared with a value
/// stays prepared when the next execution passes null (and back) — an untyped null made Npgsql run it unprepared, parsed
/// and planned every time, on each connection that had first seen the other variant (the runs list's cursor page).</summary>
public sealed class PostgresBindingTests
{
    [Fact]
    public async Task NullAndValue_AlternateOnOnePreparedStatement()
    {
        var cs = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString())
        {
            Pooling = false, MaxAutoPrepare = 10, AutoPrepareMinUsages = 2,
        };
        await using var c = new NpgsqlConnection(cs.ConnectionString);
        await c.OpenAsync();
        for (var i = 0; i < 8; i++)
        {
            long? before = i % 2 == 0 ? null : i;
            string? name = i % 3 == 0 ? null : $"n{i}";
            await using var cmd = new NpgsqlCommand("SELECT coalesce(@before::bigint, -1), coalesce(@name::text, '-')", c)
                .Bind("before", before).Bind("name", name);
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                Assert.True(await r.ReadAsync());
                Assert.Equal(before ?? -1, r.GetInt64(0));
                Assert.Equal(name ?? "-", r.GetString(1));
            }
            if (i >= 1) Assert.True(cmd.IsPrepared, $"execution {i + 1} ran unprepared");
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%@before%' OR statement LIKE '%$1::bigint%'", c);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Typed_CarriesTheClrTypeEvenWhenNull()
    {
        Assert.IsType<NpgsqlParameter<long?>>(PostgresBinding.Typed("a", (long?)null));
        Assert.IsType<NpgsqlParameter<string?>>(PostgresBinding.Typed<string?>("b", null));
        Assert.IsType<NpgsqlParameter<DateTimeOffset?>>(PostgresBinding.Typed("c", (DateTimeOffset?)null));
        var untyped = PostgresBinding.Typed<object?>("d", null);
        Assert.Equal(DBNull.Value, untyped.Value);
    }
}

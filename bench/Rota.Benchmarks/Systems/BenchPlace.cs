using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems;

/// <summary>Where a child's system keeps its data: a fresh temp directory, and for PostgreSQL systems a fresh database.</summary>
internal sealed record BenchPlace(string Directory, PgDatabase? Pg)
{
    public PgDatabase Postgres => Pg ?? throw new InvalidOperationException("bench: this system needs a PostgreSQL database");
}

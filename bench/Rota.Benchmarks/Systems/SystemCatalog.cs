using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Systems.Bare;
using Rota.Benchmarks.Systems.Hangfire;
using Rota.Benchmarks.Systems.Quartz;
using Rota.Benchmarks.Systems.Rota;

namespace Rota.Benchmarks.Systems;

/// <summary>The systems the harness can run, by the names used on the command line.</summary>
internal static class SystemCatalog
{
    public const string Rota = "rota";
    public const string QuartzSqlite = "quartz-sqlite";
    public const string HangfireMemory = "hangfire-memory";
    public const string Bare = "bare";
    public const string RotaPg = "rota-pg";
    public const string QuartzPg = "quartz-pg";
    public const string HangfirePg = "hangfire-pg";

    /// <summary>The embedded-store schedulers: what <c>--system all</c> (the default) compares.</summary>
    public static IReadOnlyList<string> All { get; } = [Rota, QuartzSqlite, HangfireMemory];

    /// <summary>The PostgreSQL systems: what <c>--system pg</c> compares (they need ROTA_BENCH_PG).</summary>
    public static IReadOnlyList<string> Postgres { get; } = [RotaPg, QuartzPg, HangfirePg];

    /// <summary>Every name, including the <c>bare</c> reference process of the idle scenario.</summary>
    public static IReadOnlyList<string> Known { get; } = [Rota, QuartzSqlite, HangfireMemory, RotaPg, QuartzPg, HangfirePg, Bare];

    /// <summary>Rota's own systems: the column every other is compared with.</summary>
    public static bool IsRota(string name) => name is Rota or RotaPg;

    public static IBenchSystem Create(string name, SystemOptions options) => name switch
    {
        Rota => new RotaSystem(),
        QuartzSqlite => new QuartzSqliteSystem(options.QuartzJournal),
        HangfireMemory => new HangfireMemorySystem(),
        RotaPg => new RotaPgSystem(options.Nodes),
        QuartzPg => new QuartzPgSystem(),
        HangfirePg => new HangfirePgSystem(),
        Bare => new BareSystem(),
        _ => throw new UsageException($"--system: unknown system '{name}' (known: {string.Join(", ", Known)}, all)"),
    };

    public static string Label(string name, int nodes = 1) => name switch
    {
        Rota => "Rota / SQLite",
        RotaPg => nodes > 1 ? $"Rota / PostgreSQL, {nodes} nodes" : "Rota / PostgreSQL",
        QuartzSqlite => "Quartz.NET 4.7.3 / SQLite",
        QuartzPg => "Quartz.NET 4.7.3 / PostgreSQL",
        HangfireMemory => "Hangfire 1.8.25 / InMemory",
        HangfirePg => "Hangfire 1.8.25 / PostgreSql 1.21.1",
        Bare => "bare .NET process",
        _ => name,
    };

    public static string ShortLabel(string name) => name switch
    {
        QuartzSqlite or QuartzPg => "Quartz",
        HangfireMemory or HangfirePg => "Hangfire",
        Rota => "Rota/SQLite",
        Bare => "bare",
        _ => name,
    };

    /// <summary>Parses <c>--system</c>: one name, a comma list, <c>all</c> (= the embedded-store systems the scenario
    /// supports) or <c>pg</c> (= its PostgreSQL systems). PostgreSQL systems without a server are a usage error here.</summary>
    public static IReadOnlyList<string> Select(string option, IReadOnlyList<string> supported, string scenario)
    {
        var selected = option switch
        {
            "all" => supported.Where(s => !Postgres.Contains(s)).ToList(),
            "pg" => supported.Where(Postgres.Contains).ToList(),
            _ => Parse(option, supported, scenario),
        };
        if (selected.Any(Postgres.Contains)) _ = Measure.PgDatabase.ServerConnectionString();
        return selected;
    }

    private static List<string> Parse(string option, IReadOnlyList<string> supported, string scenario)
    {
        var names = option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
        {
            if (!Known.Contains(n)) throw new UsageException($"--system: unknown system '{n}' (known: {string.Join(", ", Known)}, all)");
            if (!supported.Contains(n)) throw new UsageException($"--system: {scenario} does not support '{n}' (supported: {string.Join(", ", supported)})");
        }
        return supported.Where(names.Contains).ToList();
    }
}

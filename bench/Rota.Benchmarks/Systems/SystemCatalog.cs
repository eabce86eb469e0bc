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

    /// <summary>The schedulers (every scenario but idle compares exactly these).</summary>
    public static IReadOnlyList<string> All { get; } = [Rota, QuartzSqlite, HangfireMemory];

    /// <summary>Every name, including the <c>bare</c> reference process of the idle scenario.</summary>
    public static IReadOnlyList<string> Known { get; } = [Rota, QuartzSqlite, HangfireMemory, Bare];

    public static IBenchSystem Create(string name, SystemOptions options) => name switch
    {
        Rota => new RotaSystem(),
        QuartzSqlite => new QuartzSqliteSystem(options.QuartzJournal),
        HangfireMemory => new HangfireMemorySystem(),
        Bare => new BareSystem(),
        _ => throw new UsageException($"--system: unknown system '{name}' (known: {string.Join(", ", Known)}, all)"),
    };

    public static string Label(string name) => name switch
    {
        Rota => "Rota / SQLite",
        QuartzSqlite => "Quartz.NET 4.7.3 / SQLite",
        HangfireMemory => "Hangfire 1.8.25 / InMemory",
        Bare => "bare .NET process",
        _ => name,
    };

    public static string ShortLabel(string name) => name switch
    {
        QuartzSqlite => "Quartz",
        HangfireMemory => "Hangfire",
        Bare => "bare",
        _ => name,
    };

    /// <summary>Parses <c>--system</c>: one name, a comma list, or <c>all</c> (= every system the scenario supports).</summary>
    public static IReadOnlyList<string> Select(string option, IReadOnlyList<string> supported, string scenario)
    {
        if (option == "all") return supported;
        var names = option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
        {
            if (!Known.Contains(n)) throw new UsageException($"--system: unknown system '{n}' (known: {string.Join(", ", Known)}, all)");
            if (!supported.Contains(n)) throw new UsageException($"--system: {scenario} does not support '{n}' (supported: {string.Join(", ", supported)})");
        }
        return supported.Where(names.Contains).ToList();
    }
}

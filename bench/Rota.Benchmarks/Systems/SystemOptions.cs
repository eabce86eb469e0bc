using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Systems;

/// <summary>Options that change how a system is set up (not what is measured).</summary>
/// <param name="QuartzJournal">SQLite journal mode of Quartz's file: <c>wal</c> (default; like Rota's store, so both
/// run on the same storage configuration) or <c>delete</c> (SQLite's default, i.e. Quartz out of the box).</param>
/// <param name="Nodes">Engines of <c>rota-pg</c>, each in a process of its own, on one database (<c>--nodes</c>).</param>
internal sealed record SystemOptions(string QuartzJournal, int Nodes)
{
    public static SystemOptions From(BenchArgs args)
    {
        var journal = args.Text("quartz-journal", "delete");
        if (journal is not ("wal" or "delete")) throw new UsageException($"--quartz-journal: '{journal}' must be wal or delete");
        var nodes = args.Int("nodes", 1);
        if (nodes > 16) throw new UsageException($"--nodes: {nodes} is more than 16");
        return new SystemOptions(journal, nodes);
    }

    public override string ToString() => Nodes > 1
        ? $"Quartz SQLite journal mode {QuartzJournal} · rota-pg on {Nodes} nodes (one process each, one database)"
        : $"Quartz SQLite journal mode {QuartzJournal}";
}

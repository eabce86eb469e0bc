using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Systems;

/// <summary>Options that change how a system is set up (not what is measured).</summary>
/// <param name="QuartzJournal">SQLite journal mode of Quartz's file: <c>wal</c> (default; like Rota's store, so both
/// run on the same storage configuration) or <c>delete</c> (SQLite's default, i.e. Quartz out of the box).</param>
internal sealed record SystemOptions(string QuartzJournal)
{
    public static SystemOptions From(BenchArgs args)
    {
        var journal = args.Text("quartz-journal", "delete");
        if (journal is not ("wal" or "delete")) throw new UsageException($"--quartz-journal: '{journal}' must be wal or delete");
        return new SystemOptions(journal);
    }

    public override string ToString() => $"Quartz SQLite journal mode {QuartzJournal}";
}

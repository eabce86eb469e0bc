using System.Text.Json;
using Rota.Benchmarks.Child;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>
/// The hidden <c>node --pg CS --name N --workers W --fires PATH</c> verb: one more Rota engine on a benchmark's
/// PostgreSQL database (<c>--nodes</c>). Prints <see cref="Ready"/>, starts on a <c>start</c> line, stops on
/// <c>stop</c> (or end of input), then writes the fires its handlers recorded to PATH and prints <see cref="Stopped"/>.
/// </summary>
internal static class RotaNodeEntry
{
    public const string Verb = "node";
    public const string Ready = "@@node-ready";
    public const string Stopped = "@@node-stopped";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var cs = args.Text("pg", "");
        var name = args.Text("name", "");
        var workers = args.Int("workers", 10);
        var fires = args.Text("fires", "");
        args.RejectUnknown();
        if (cs.Length == 0 || name.Length == 0 || fires.Length == 0) throw new UsageException("node: --pg, --name and --fires are required");
        var host = RotaHost.BuildPostgres(cs, name, workers, FireRecorder.Shared);
        await using (host)
        {
            Console.Out.WriteLine(Ready);
            await Console.Out.FlushAsync();
            var started = false;
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line == "start" && !started) { await host.StartAsync(); started = true; }
                else if (line == "stop") break;
            }
        }
        var records = FireRecorder.Shared.Snapshot().ToArray();
        await File.WriteAllTextAsync(fires, JsonSerializer.Serialize(records, ChildProtocol.Json));
        Console.Out.WriteLine(Stopped);
        await Console.Out.FlushAsync();
        return 0;
    }
}

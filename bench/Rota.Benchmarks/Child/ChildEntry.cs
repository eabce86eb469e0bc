using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Scenarios;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Child;

/// <summary>The hidden <c>child &lt;scenario&gt; &lt;system&gt; [options]</c> verb: runs one system through one scenario in
/// this process and prints the result line.</summary>
internal static class ChildEntry
{
    public const string Verb = "child";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        if (args.Positional.Count != 2) throw new UsageException("child: expected <scenario> <system>");
        IScenario scenario = args.Positional[0] switch
        {
            "throughput" => new ThroughputScenario(),
            "precision" => new PrecisionScenario(),
            "idle" => new IdleScenario(),
            var s => throw new UsageException($"child: unknown scenario '{s}'"),
        };
        var system = SystemCatalog.Create(args.Positional[1], SystemOptions.From(args));
        var result = await scenario.RunChildAsync(system, args);
        Console.Out.WriteLine(ChildProtocol.Encode(result));
        await Console.Out.FlushAsync();
        return 0;
    }
}

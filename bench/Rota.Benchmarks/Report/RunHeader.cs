using System.Globalization;
using System.Runtime.InteropServices;

namespace Rota.Benchmarks.Report;

/// <summary>The first lines of a report: scenario, its settings, when, and on what.</summary>
internal static class RunHeader
{
    public static void Print(string scenario, string settings)
    {
        var now = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"# Rota benchmark: {scenario}");
        Console.WriteLine(settings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{now:yyyy-MM-dd HH:mm} UTC · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores"));
        Console.WriteLine();
    }
}

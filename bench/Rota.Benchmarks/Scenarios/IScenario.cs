using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Scenarios;

/// <summary>A benchmark scenario: the parent side runs each system in a child and prints the comparison; the child
/// side sets one system up, measures it and returns its figures (serialised back to the parent).</summary>
internal interface IScenario
{
    Task<int> RunParentAsync(BenchArgs args);

    Task<object> RunChildAsync(IBenchSystem system, BenchArgs args);
}

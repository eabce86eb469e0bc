using Rota.Crawler.Tests.Corpus;

namespace Rota.Crawler.Tests;

/// <summary>The shared feedparser corpus: pass rate per category, and floors that only go up.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>Rates reached so far (percent). Raise them when the parser improves; never lower them.</summary>
    private static readonly Dictionary<string, double> Floors = new()
    {
        ["wellformed"] = 87.0, ["sanitize"] = 97.8, ["http"] = 87.3, ["illformed"] = 33.3, ["encoding"] = 78.2, ["entities"] = 98.8, ["json"] = 100,
    };

    [Fact]
    public void Corpus_EveryCategory_MeetsItsFloor()
    {
        var results = CorpusRunner.Results;
        Assert.NotEmpty(results);
        var report = results.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => (Category: g.Key, Passed: g.Count(r => r.Passed), Total: g.Count())).ToList();
        foreach (var (category, passed, total) in report)
            output.WriteLine($"{category,-11} {passed,4}/{total,-4} {100.0 * passed / total,6:0.0}%");
        output.WriteLine($"{"all",-11} {results.Count(r => r.Passed),4}/{results.Count,-4} {100.0 * results.Count(r => r.Passed) / results.Count,6:0.0}%");
        foreach (var failure in results.Where(r => !r.Passed).Take(600))
            output.WriteLine($"FAIL {failure.File}: {failure.Detail}");
        foreach (var (category, passed, total) in report)
        {
            var rate = 100.0 * passed / total;
            var floor = Floors.GetValueOrDefault(category);
            Assert.True(rate >= floor, $"corpus: category '{category}' passes {rate:0.0}% ({passed}/{total}), below its floor {floor}%");
        }
    }
}

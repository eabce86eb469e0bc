using Rota.Configuration;

namespace Rota.Tests.Pipelines;

/// <summary>Pipelines in rota.yaml: every problem listed with its path and line.</summary>
public sealed class PipelineValidationTests
{
    private static readonly HashSet<string> Kinds = ["ok"];

    private static List<ConfigError> Errors(string yaml) =>
        Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse(yaml, "yaml", "t.yaml", Kinds)).Errors.ToList();

    [Fact]
    public void Cycle_IsRejectedNamingTheCycle()
    {
        var errors = Errors("""
            pipelines:
              - name: loop
                steps:
                  - { name: a, handler: ok, after: [c] }
                  - { name: b, handler: ok, after: [a] }
                  - { name: c, handler: ok, after: [b] }
            """);
        var e = Assert.Single(errors);
        Assert.Equal("pipelines[0].steps", e.Path);
        Assert.Contains("the steps form a cycle: a -> b -> c -> a", e.Message);
    }

    [Fact]
    public void UnknownReferences_AreAllListed()
    {
        var errors = Errors("""
            tasks:
              - { name: real, handler: ok }
            pipelines:
              - name: p
                steps:
                  - { name: one, task: missing }
                  - { name: two, handler: nope }
                  - { name: three, handler: ok, after: [ghost] }
                  - { name: four, handler: ok, when: "steps.phantom.status == 'succeeded'" }
                  - { name: five, task: real, handler: ok }
                  - { name: six, handler: ok, when: "steps.seven.status == 'x'" }
                  - { name: seven, handler: ok, when: "steps.one.status = 'x'" }
            """);
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[0].task" && e.Message.Contains("unknown task 'missing'") && e.Line == 6);
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[1].handler" && e.Message.Contains("unknown handler 'nope'"));
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[2].after[0]" && e.Message.Contains("unknown step 'ghost'"));
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[3].when" && e.Message.Contains("unknown step 'phantom'"));
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[4]" && e.Message.Contains("not both"));
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[5].when" && e.Message.Contains("step 'seven' does not finish before 'six'"));
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[6].when" && e.Message.Contains("at position 18"));
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void StepKeysAndNames_AreChecked()
    {
        var errors = Errors("""
            tasks:
              - { name: daily, handler: ok }
            pipelines:
              - name: daily
                steps:
                  - { name: a, handler: ok, continue_on_faliure: true }
              - name: other
                steps: []
            """);
        Assert.Contains(errors, e => e.Path == "pipelines[0].steps[0].continue_on_faliure" && e.Message.Contains("did you mean 'continue_on_failure'"));
        Assert.Contains(errors, e => e.Path == "pipelines[1].steps" && e.Message.Contains("at least one step"));
    }

    [Fact]
    public void ValidPipeline_ReadsStepsWithDefaults()
    {
        var doc = ConfigLoader.Parse("""
            tasks:
              - { name: sync, handler: ok }
            pipelines:
              - name: daily
                cron: "0 2 * * *"
                steps:
                  - { name: sync, task: sync, continue_on_failure: true }
                  - { name: llm, handler: ok, timeout: 10m, retry: { attempts: 2 }, when: "steps.sync.stats.n > 0" }
            """, "yaml", "t.yaml", Kinds);
        var p = Assert.Single(doc.Pipelines);
        Assert.Single(p.Schedules);
        Assert.Equal(["sync"], p.DependenciesOf(1));
        Assert.Empty(p.DependenciesOf(0));
        Assert.Equal((TimeSpan.FromMinutes(10), 2), (p.Steps[1].Timeout, p.Steps[1].Retry!.MaxAttempts));
        Assert.True(p.Steps[0].ContinueOnFailure);
    }
}

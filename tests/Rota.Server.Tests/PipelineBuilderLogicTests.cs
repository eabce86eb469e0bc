using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Rota.Configuration;
using Rota.Server.Dashboard;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Tests;

/// <summary>The pipeline builder's logic without a browser: definition ↔ form, the posted form read back in card order,
/// the edit buttons, and API errors placed at their fields.</summary>
public sealed class PipelineBuilderLogicTests
{
    private const string Rich = """
        {"name":"p","description":"d","owner":"alice","enabled":false,
         "schedules":[{"name":"nightly","cron":"15 2 * * *","time_zone":"Europe/Berlin"},{"every":"15m","enabled":false}],
         "steps":[
           {"name":"a","handler":"noop","parameters":{"n":42,"text":"42","obj":{"x":[1,true]}},"timeout":"1500ms",
            "retry":{"attempts":4,"backoff":"10s","factor":1.5,"max_backoff":"2m","jitter":false,"retry_permanent":true}},
           {"name":"b","handler":"noop","after":[]},
           {"name":"c","task":"t","after":["a","b"],"when":"steps.a.status == 'succeeded'","continue_on_failure":true},
           {"name":"d","handler":"noop"}]}
        """;

    [Fact]
    public void FromJsonThenToJson_RichDefinition_SameDefinition()
    {
        var source = (JsonObject)JsonNode.Parse(Rich)!;
        var form = PipelineBuilderJson.FromJson(source, out var unsupported);
        Assert.Null(unsupported);
        Assert.NotNull(form);
        Assert.Equal(["#" + form.Steps[0].Key, "#" + form.Steps[1].Key], form.Steps[2].After);
        Assert.Equal(BuilderParameter.Json, form.Steps[0].Parameters[0].Type);
        Assert.Equal(BuilderParameter.Text, form.Steps[0].Parameters[1].Type);
        var problems = new List<ConfigError>();
        var back = PipelineBuilderJson.ToJson(form, problems);
        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(source, back), back.ToJsonString());
    }

    [Fact]
    public void FromJson_SettingsWithoutAField_StaysText_WithTheReason()
    {
        var form = PipelineBuilderJson.FromJson((JsonObject)JsonNode.Parse("""{"name":"p","schedules":[{"at":"2026-01-01T00:00:00Z"}],"steps":[{"name":"a","handler":"noop","queue":"q"}]}""")!, out var why);
        Assert.Null(form);
        Assert.Contains("schedules[0].at", why, StringComparison.Ordinal);
        Assert.Contains("steps[0].queue", why, StringComparison.Ordinal);
        var shorthand = PipelineBuilderJson.FromJson((JsonObject)JsonNode.Parse("""{"name":"p","cron":"0 3 * * *","steps":[]}""")!, out why);
        Assert.Null(why);
        Assert.Equal("0 3 * * *", shorthand!.Schedules.Single().Value);
    }

    [Fact]
    public void RenamedStep_ItsDependentsFollow()
    {
        var form = PipelineBuilderJson.FromJson((JsonObject)JsonNode.Parse("""{"name":"p","steps":[{"name":"a","handler":"noop"},{"name":"b","handler":"noop","after":["a","gone"]}]}""")!, out _)!;
        form.Steps[0].Name = "renamed";
        var json = PipelineBuilderJson.ToJson(form, []);
        Assert.Equal("""["renamed","gone"]""", json["steps"]![1]!["after"]!.ToJsonString());
    }

    [Fact]
    public void Read_PostedForm_StepsInTheOrderOfTheirCards_ValuesPerCard()
    {
        var form = PipelineBuilderFields.Read(new FormCollection(new Dictionary<string, StringValues>
        {
            ["b.name"] = "p", ["b.enabled"] = "true", ["b.next_key"] = "2",
            ["b.step"] = new(["s7", "s2", "bad key", "s7"]),
            ["b.step.s2.name"] = "second", ["b.step.s2.target"] = "task", ["b.step.s2.task"] = "t",
            ["b.step.s2.param_key"] = new(["k", "j"]), ["b.step.s2.param_value"] = new(["v", "[1]"]), ["b.step.s2.param_type"] = new(["text", "json"]),
            ["b.step.s7.name"] = "first", ["b.step.s7.handler"] = "noop", ["b.step.s7.continue"] = "true",
            ["b.step.s7.after_mode"] = "chosen", ["b.step.s7.after"] = new(["#s2", ""]), ["b.step.s7.when"] = " steps.second.status == 'succeeded' ",
        }));
        Assert.Equal(["first", "second"], form.Steps.Select(s => s.Name));
        Assert.Equal(8, form.NextKey);
        var json = PipelineBuilderJson.ToJson(form, []);
        var expected = JsonNode.Parse("""{"name":"p","steps":[{"name":"first","handler":"noop","continue_on_failure":true,"after":["second"],"when":"steps.second.status == 'succeeded'"},{"name":"second","task":"t","parameters":{"k":"v","j":[1]}}]}""");
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void Commands_MoveDuplicateRemove_MessagesAndFocus()
    {
        var form = PipelineBuilderJson.FromJson((JsonObject)JsonNode.Parse("""{"name":"p","steps":[{"name":"a","handler":"noop"},{"name":"b","handler":"noop"},{"name":"c","handler":"noop","after":["a"]}]}""")!, out _)!;
        var c = form.Steps[2].Key;
        var moved = PipelineBuilderCommands.Apply(form, "up:" + c, "noop")!;
        Assert.Equal("Step 3 moved to position 2.", moved.Message);
        Assert.Equal($"step-{c}-up", moved.Focus);
        moved = PipelineBuilderCommands.Apply(form, "up:" + c, "noop")!;
        Assert.Equal("Step 2 moved to position 1.", moved.Message);
        Assert.Equal($"step-{c}-down", moved.Focus);
        Assert.Equal(["c", "a", "b"], form.Steps.Select(s => s.Name));
        var copy = PipelineBuilderCommands.Apply(form, "duplicate:" + c, "noop")!;
        Assert.Equal(["c", "c-2", "a", "b"], form.Steps.Select(s => s.Name));
        Assert.Equal(form.Steps[0].After, form.Steps[1].After);
        Assert.Equal($"step-{form.Steps[1].Key}-name", copy.Focus);
        var a = form.Steps[2].Key;
        Assert.Equal("Step 3 (a) removed.", PipelineBuilderCommands.Apply(form, "remove:" + a, "noop")!.Message);
        Assert.Empty(form.Steps[0].After);
        Assert.Null(PipelineBuilderCommands.Apply(form, "up:s999", "noop"));
        Assert.Null(PipelineBuilderCommands.Apply(form, "save", "noop"));
    }

    [Fact]
    public void Errors_ApiPaths_PlacedAtTheirFields_WhenWithPosition()
    {
        var form = PipelineBuilderJson.FromJson((JsonObject)JsonNode.Parse("""{"name":"p","steps":[{"name":"a","handler":"noop"},{"name":"b","handler":"noop","when":"steps.a.status = 1"}]}""")!, out _)!;
        var b = form.Steps[1].Key;
        var errors = PipelineBuilderErrors.Of(form, [
            new ConfigError("steps[1].when", "steps.a.status = 1", "expression: unexpected character '='; write '==' at position 16"),
            new ConfigError("steps[0].timeout", "x", "expected a duration"),
            new ConfigError("name", null, "every pipeline needs a name"),
            new ConfigError("steps", "a -> b -> a", "the steps form a cycle: a -> b -> a"),
        ]);
        var when = errors.For($"step-{b}-when").Single();
        Assert.Equal(16, when.Position);
        Assert.Equal("Step 2 (b), when", when.Where);
        Assert.Contains("(value: 'x')", errors.For($"step-{form.Steps[0].Key}-timeout").Single().Message, StringComparison.Ordinal);
        Assert.True(errors.Has("pipeline-name"));
        Assert.True(errors.Has(PipelineBuilderErrors.StepsSection));
        Assert.True(errors.StepHas(b));
    }

    [Fact]
    public void ToJson_ParameterMarkedJsonButNot_ReportedAtTheStepsParameters()
    {
        var form = new PipelineBuilderForm { Name = "p" };
        form.Steps.Add(new BuilderStep { Key = "s1", Name = "a", Handler = "noop", Parameters = [new BuilderParameter { Key = "k", Value = "{oops", Type = BuilderParameter.Json }] });
        var problems = new List<ConfigError>();
        PipelineBuilderJson.ToJson(form, problems);
        Assert.Equal("steps[0].parameters", problems.Single().Path);
        Assert.Equal($"step-s1-parameters", PipelineBuilderErrors.Of(form, problems).All.Single().Field);
    }
}

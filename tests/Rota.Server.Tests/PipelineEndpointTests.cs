using System.Net;
using System.Text.Json;
using Rota.Runs;

namespace Rota.Server.Tests;

/// <summary>Pipelines through the HTTP API: define, inspect as a graph, run all and one step, history, delete.</summary>
public sealed class PipelineEndpointTests
{
    private const string Daily = """
        {"name":"daily","description":"seed 000","cron":"0 2 * * *","steps":[
          {"name":"sync","handler":"noop"},
          {"name":"check","handler":"noop","continue_on_failure":true},
          {"name":"zero","handler":"noop","after":["sync"]},
          {"name":"llm","handler":"noop","after":["check","zero"],"when":"steps.check.status == 'succeeded'"}]}
        """;

    private static IEnumerable<string?> Strings(JsonElement array, string member) => array.EnumerateArray().Select(e => e.GetProperty(member).GetString());

    [Fact]
    public async Task CreateThenGet_ShowsStepsEdgesAndSchedule_OwnedByTheCaller()
    {
        await using var s = await TestServer.StartAsync();
        var created = await (await s.Alice.PostJsonAsync("/api/v1/pipelines", Daily)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("alice", created.GetProperty("owner").GetString());

        var got = await s.Alice.GetJsonAsync("/api/v1/pipelines/daily");
        Assert.Equal(["sync", "check", "zero", "llm"], Strings(got.GetProperty("steps"), "name"));
        Assert.Equal(["sync->check", "sync->zero", "check->llm", "zero->llm"],
            got.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()}"));
        var llm = got.GetProperty("steps")[3];
        Assert.Equal(("daily.llm", "steps.check.status == 'succeeded'"), (llm.GetProperty("task").GetString(), llm.GetProperty("when").GetString()));
        Assert.Equal(JsonValueKind.String, got.GetProperty("next_fire_at").ValueKind);
        Assert.Equal(1, (await s.Alice.GetJsonAsync("/api/v1/pipelines")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await s.Bob.GetJsonAsync("/api/v1/pipelines")).GetProperty("count").GetInt32());
        await (await s.Bob.GetAsync("/api/v1/pipelines/daily", Http.Ct)).ProblemAsync(404, "pipeline.not_found");
        // A plain task is not a pipeline.
        await (await s.Alice.GetAsync("/api/v1/pipelines/daily.sync", Http.Ct)).ProblemAsync(404, "pipeline.not_found");
    }

    [Fact]
    public async Task InvalidPipeline_ListsEveryError()
    {
        await using var s = await TestServer.StartAsync();
        var response = await s.Alice.PostJsonAsync("/api/v1/pipelines", """
            {"name":"bad","steps":[{"name":"a","task":"ghost"},{"name":"b","handler":"noop","after":["zzz"]},{"name":"c","handler":"noop","when":"steps.a.status =="}]}
            """);
        var problem = await response.ProblemAsync(422, "request.validation_failed");
        Assert.Equal(["steps[0].task", "steps[1].after[0]", "steps[2].when"], Strings(problem.GetProperty("errors"), "field"));
        Assert.Null(await s.Store.TaskGet("bad"));
    }

    [Fact]
    public async Task RunAllThenOneStep_RunDetailShowsStepsAndParent_DeleteRemovesStepTasks()
    {
        await using var s = await TestServer.StartAsync();
        await (await s.Alice.PostJsonAsync("/api/v1/pipelines", Daily)).JsonAsync(HttpStatusCode.Created);

        var all = (await (await s.Alice.PostJsonAsync("/api/v1/pipelines/daily/run")).JsonAsync(HttpStatusCode.Accepted)).GetProperty("run_id").GetInt64();
        var parent = await s.WaitForRunAsync(all, r => r.Status.IsTerminal(), TimeSpan.FromSeconds(30));
        Assert.Equal(Runs.RunStatus.Succeeded, parent.Status);
        var detail = await s.Alice.GetJsonAsync($"/api/v1/runs/{all}");
        var steps = detail.GetProperty("steps");
        Assert.Equal(["sync", "check", "zero", "llm"], Strings(steps, "step"));
        Assert.All(steps.EnumerateArray(), x => Assert.Equal((all, "pipeline"), (x.GetProperty("parent_run_id").GetInt64(), x.GetProperty("trigger").GetString())));
        var child = await s.Alice.GetJsonAsync($"/api/v1/runs/{steps[0].GetProperty("id").GetInt64()}");
        Assert.Equal(all, child.GetProperty("run").GetProperty("parent_run_id").GetInt64());

        var one = (await (await s.Alice.PostJsonAsync("/api/v1/pipelines/daily/run", """{"step":"3"}""")).JsonAsync(HttpStatusCode.Accepted)).GetProperty("run_id").GetInt64();
        await s.WaitForRunAsync(one, r => r.Status.IsTerminal(), TimeSpan.FromSeconds(30));
        var page = await s.Alice.GetJsonAsync("/api/v1/pipelines/daily/runs");
        Assert.Equal([one, all], page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run").GetProperty("id").GetInt64()));
        Assert.Equal(["zero"], Strings(page.GetProperty("runs")[0].GetProperty("steps"), "step"));

        (await s.Alice.SendAsync(HttpMethod.Delete, "/api/v1/pipelines/daily")).EnsureSuccessStatusCode();
        Assert.Null(await s.Store.TaskGet("daily.sync"));
        Assert.Null(await s.Store.TaskGet("daily"));
    }
}

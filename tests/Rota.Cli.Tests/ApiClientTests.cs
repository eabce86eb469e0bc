using Rota.Client;
using Rota.Client.Models;

namespace Rota.Cli.Tests;

/// <summary>Rota.Client against a real <c>rota serve</c>: problem+json into <see cref="RotaApiException"/>, paging, SSE.</summary>
public sealed class ApiClientTests(ServedRota served) : IClassFixture<ServedRota>
{
    [Fact]
    public async Task ExplainCron_InvalidExpression_ExceptionCarriesCodeFieldAndValue()
    {
        using var api = served.Client();
        var ex = await Assert.ThrowsAsync<RotaApiException>(() => api.ExplainCronAsync("61 * * * *"));
        Assert.Equal(422, ex.Status);
        Assert.StartsWith("cron.", ex.Code);
        Assert.Equal("expression", ex.Field);
        Assert.Equal("61 * * * *", ex.Value);
        Assert.False(string.IsNullOrEmpty(ex.Detail));
    }

    [Fact]
    public async Task ListRuns_LimitOutOfRange_IsInvalidFieldNamingTheParameter()
    {
        using var api = served.Client();
        var ex = await Assert.ThrowsAsync<RotaApiException>(() => api.ListRunsAsync(new RunFilter(Limit: 0)));
        Assert.Equal((422, "request.invalid_field", "limit", "0"), (ex.Status, ex.Code, ex.Field, ex.Value));
    }

    [Fact]
    public async Task CreateTask_UnknownMember_IsMalformedWithTheField()
    {
        using var api = served.Client();
        var ex = await Assert.ThrowsAsync<RotaApiException>(() => api.CreateTaskAsync("""{"name":"client-made","handler":"noop","schedual":"0 3 * * *"}"""));
        Assert.True(ex.Status is 400 or 422, ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("schedual", $"{ex.Field} {ex.Detail}");
    }

    [Fact]
    public async Task CreateGetDeleteTask_RoundTrips()
    {
        using var api = served.Client();
        var created = await api.CreateTaskAsync("""{"name":"client-made","handler":"noop","cron":"0 4 * * *"}""");
        Assert.Equal("client-made", created.Name);
        Assert.Equal(["cron:0 4 * * *"], created.Schedules.Single().Specs);
        Assert.Equal(3, (await api.NextFiresAsync("client-made", 3)).Fires.Count);
        var definition = await api.GetTaskDefinitionAsync("client-made");
        Assert.Contains("\"cron\":\"0 4 * * *\"", definition, StringComparison.Ordinal);
        Assert.Equal(created.Version, (await api.ReplaceTaskAsync("client-made", definition)).Version);
        await api.DeleteTaskAsync("client-made");
        var gone = await Assert.ThrowsAsync<RotaApiException>(() => api.GetTaskAsync("client-made"));
        Assert.True(gone.IsNotFound);
        Assert.Equal("task.not_found", gone.Code);
    }

    [Fact]
    public async Task BadToken_IsAuthErrorWithItsCode()
    {
        using var api = served.Client("rota_not-a-real-token");
        var ex = await Assert.ThrowsAsync<RotaApiException>(() => api.GetMeAsync());
        Assert.True(ex.IsAuthError);
        Assert.Equal((401, "auth.invalid_token"), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task ListAllRuns_FollowsTheCursorAcrossPages()
    {
        using var api = served.Client();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await api.RunTaskAsync("ok", new RunNowRequest(IgnoreOverlap: true))).RunId);
        var seen = new List<long>();
        await foreach (var run in api.ListAllRunsAsync(new RunFilter(Task: "ok", Limit: 1)))
        {
            seen.Add(run.Id);
            if (ids.All(seen.Contains)) break;
        }
        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
        Assert.Equal(seen.OrderDescending(), seen);
    }

    [Fact]
    public async Task StreamEvents_DeliversTheRunsFinishedEvent()
    {
        using var api = served.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var triggered = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        // The stream gives no sign of being subscribed, so keep triggering until one of our runs is seen finishing.
        var trigger = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                triggered[(await api.RunTaskAsync("ok", new RunNowRequest(IgnoreOverlap: true), cts.Token)).RunId] = true;
                await Task.Delay(1000, cts.Token);
            }
        }, cts.Token);
        ServerEvent? seen = null;
        await foreach (var e in api.StreamEventsAsync(task: "ok", ct: cts.Token))
        {
            if (e.Type == "run.finished" && e.RunId is { } id && triggered.ContainsKey(id)) { seen = e; break; }
        }
        await cts.CancelAsync();
        try { await trigger; } catch (OperationCanceledException) { }
        Assert.NotNull(seen);
        Assert.Equal("succeeded", seen.Status);
        Assert.Equal("ok", seen.Task);
    }

    [Fact]
    public async Task UnreachableServer_IsClientUnreachableNamingTheUrl()
    {
        using var api = new RotaApiClient("http://127.0.0.1:9/api/v1", "rota_x");
        var ex = await Assert.ThrowsAsync<RotaApiException>(() => api.ListTasksAsync());
        Assert.True(ex.IsUnreachable);
        Assert.Equal(0, ex.Status);
        Assert.Contains("http://127.0.0.1:9", ex.Message);
    }
}

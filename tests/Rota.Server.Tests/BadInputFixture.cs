namespace Rota.Server.Tests;

/// <summary>One server for the bad-input cases, seeded once: alice's task <c>bi-task</c> with a finished run, her
/// pipeline <c>bi-pipe</c>, the queue <c>bi-queue</c> and her source <c>bi-source</c>. Bodies are limited to <see cref="MaxBody"/> bytes.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public const int MaxBody = 64 * 1024;
    public TestServer Server { get; private set; } = null!;
    public long FinishedRunId { get; private set; }
    public long TaskId { get; private set; }
    public long SourceId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = await TestServer.StartAsync(o => o.MaxRequestBodyBytes = MaxBody);
        TaskId = (await Server.CreateTaskAsync("bi-task", "alice")).Id;
        FinishedRunId = (await Server.RunToEndAsync("bi-task")).Id;
        await Server.Store.QueueUpsert(new Storage.QueueUpsertParams("bi-queue", 2));
        SourceId = (await Server.Store.SourceUpsert(new Storage.SourceUpsertParams("alice", "bi-source", "feed", "https://bi.example/feed",
            "https://bi.example/feed", "https://bi.example/feed", 3600, TimeProvider.System.GetUtcNow()))).Id;
        await Server.Engine.Client.ApplyPipelineAsync(new Pipelines.PipelineDefinition
        {
            Name = "bi-pipe", Owner = "alice", Steps = [new Pipelines.PipelineStep { Name = "only", Handler = "noop" }],
        }, Tasks.TaskOrigin.Api);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Alerts;
using Rota.Configuration;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>A real engine over SQLite with a fake clock, an <see cref="Alerter"/> reading the alert configuration
/// from the store, a <c>flaky</c> handler that succeeds or fails as the test queues outcomes, and an <c>echo-stats</c>
/// handler whose run stats are its parameters.</summary>
internal sealed class AlertBed : IAsyncDisposable
{
    private readonly ConcurrentQueue<bool> _outcomes = new();

    private AlertBed(TestEngine engine) => T = engine;

    public TestEngine T { get; }
    public Alerter Alerter { get; private set; } = null!;
    public IRotaStore Store => T.Store;

    /// <param name="alertsYaml">A rota.yaml holding an <c>alerts:</c> section.</param>
    public static async Task<AlertBed> CreateAsync(string alertsYaml, Action<AlertOptions>? configure = null, Action<RotaOptions>? engineOptions = null)
    {
        AlertBed? bed = null;
        var engine = await TestEngine.CreateAsync(o =>
        {
            o.AddHandler("flaky", _ => ValueTask.FromResult(bed!.Next()));
            o.AddHandler("echo-stats", ctx => ValueTask.FromResult(TaskOutcome.Success(ctx.Parameters.DeepClone().AsObject())));
            engineOptions?.Invoke(o);
        });
        bed = new AlertBed(engine);
        var doc = ConfigLoader.Parse(alertsYaml, "yaml", "test.yaml", new HashSet<string> { "noop", "flaky", "echo-stats" });
        await engine.Store.AlertConfigSet(new AlertConfigSetParams(AlertConfigJson.Serialize(doc.Alerts!), engine.Time.GetUtcNow()));
        // No waiting between tries (the backoff itself is unit-tested); the periodic loop stays out of the way.
        var options = new AlertOptions { RetryDelay = TimeSpan.Zero, AllowLoopback = true, EvaluationInterval = Timeout.InfiniteTimeSpan, SendTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        bed.Alerter = new Alerter(engine.Engine, options, engine.Time, NullLoggerFactory.Instance);
        await bed.Alerter.StartAsync(CancellationToken.None);
        return bed;
    }

    /// <summary>Queues the outcomes of the next flaky runs: true succeeds, false fails (permanently: no retry).</summary>
    public void Queue(params bool[] outcomes)
    {
        foreach (var o in outcomes) _outcomes.Enqueue(o);
    }

    private TaskOutcome Next() => _outcomes.TryDequeue(out var ok) && ok
        ? TaskOutcome.Success()
        : TaskOutcome.Fail(new RunError("test.broken", "flaky: the upstream answered 503", IsTransient: false));

    public Task AddTaskAsync(string name, TimeSpan? every = null, IReadOnlyList<string>? tags = null) =>
        T.Client.ApplyAsync(new TaskDefinition
        {
            Name = name, Handler = "flaky", Retry = new RetryPolicy(MaxAttempts: 1), Tags = tags ?? [],
            Schedules = every is { } e ? [new Rota.Scheduling.ScheduleDefinition { Specs = [Rota.Scheduling.TriggerSpec.ForEvery(e)] }] : [],
        });

    /// <summary>Runs the task once now and waits for the alerts that run caused to be evaluated and delivered.</summary>
    public async Task<RunRecord> RunAsync(string task, System.Text.Json.Nodes.JsonObject? parameters = null)
    {
        var id = (await T.Client.TriggerAsync(new TriggerRequest(task, parameters))).RunId;
        await T.Engine.RunDueAsync();
        await Alerter.WhenIdleAsync();
        return (await Store.RunGet(id))!;
    }

    public async Task<IReadOnlyList<AlertDeliveryRow>> DeliveriesAsync(string? rule = null) =>
        (await Store.AlertDeliveryList(new AlertDeliveryListParams(Rule: rule, Limit: 100))).Reverse().ToList();

    public async ValueTask DisposeAsync()
    {
        await Alerter.DisposeAsync();
        await T.DisposeAsync();
    }
}

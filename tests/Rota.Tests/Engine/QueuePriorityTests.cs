using Rota.Configuration;
using Rota.Execution;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Per-queue priority: with a node-wide cap, a higher-priority queue's runs take the slots first.</summary>
public sealed class QueuePriorityTests
{
    [Fact]
    public async Task NodeCapOfOne_HigherPriorityQueueRunsFirst_ThenTheRest()
    {
        var order = new List<string>();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.MaxConcurrency = 1;
            o.QueuePriorities["critical"] = 10;
            o.QueuePriorities["bulk"] = -5;
            o.AddHandler("note", ctx => { lock (order) order.Add(ctx.Task.Name); return ValueTask.FromResult(TaskOutcome.Success()); });
        });
        await te.Client.ApplyAsync(new TaskDefinition { Name = "report", Handler = "note", Queue = "bulk" });
        await te.Client.ApplyAsync(new TaskDefinition { Name = "mail", Handler = "note" });
        await te.Client.ApplyAsync(new TaskDefinition { Name = "page-oncall", Handler = "note", Queue = "critical" });
        // Waiting in the order least urgent first, so only the queue priority can put them the other way round.
        await te.Client.TriggerAsync(new TriggerRequest("report"));
        await te.Client.TriggerAsync(new TriggerRequest("mail"));
        await te.Client.TriggerAsync(new TriggerRequest("page-oncall"));

        await te.Engine.RunDueAsync();

        Assert.Equal(["page-oncall", "mail", "report"], order);
    }

    [Fact]
    public void QueuePriority_IsReadFromConfig_AndMustBeAnInteger()
    {
        var doc = ConfigLoader.Parse("queues:\n  - { name: critical, concurrency: 2, priority: 10 }\n  - { name: bulk }\n", "yaml", "q.yaml", new HashSet<string>());
        Assert.Equal([new QueueDefinition("critical", 2, 10), new QueueDefinition("bulk", 10, 0)], doc.Queues);
        var ex = Assert.Throws<ConfigValidationException>(() =>
            ConfigLoader.Parse("queues:\n  - { name: critical, priority: high }\n", "yaml", "q.yaml", new HashSet<string>()));
        Assert.Contains(ex.Errors, e => e.Path == "queues[0].priority");
    }

    [Fact]
    public void MaxConcurrency_BelowOne_IsRejected()
    {
        var errors = new RotaOptions { MaxConcurrency = 0 }.Validate();
        Assert.Contains(errors, e => e.StartsWith("Rota:MaxConcurrency: 0", StringComparison.Ordinal));
    }
}

using Prometheus;
using Rota.Storage;

namespace Rota.Server.Observability;

/// <summary>Sets the queue, node and leader gauges from the store when <c>/metrics</c> is scraped. Readings are reused for
/// <see cref="MaxAge"/> so several Prometheus servers (or a scrape loop gone wrong) cannot hammer the store.</summary>
public sealed class StoreGaugeSampler(IRotaStore store, RotaEngine engine, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _sampledAt = DateTimeOffset.MinValue;

    public async Task SampleAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _sampledAt < MaxAge) return;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (now - _sampledAt < MaxAge) return;
            RotaMetrics.SchedulerLeader.Set(engine.IsLeader ? 1 : 0);
            try
            {
                var queues = await store.QueueList(ct).ConfigureAwait(false);
                var nodes = await store.NodeList(ct).ConfigureAwait(false);
                Replace(RotaMetrics.QueueDepth, queues.ToDictionary(q => q.Name, q => (double)q.Waiting));
                Replace(RotaMetrics.QueueRunning, queues.ToDictionary(q => q.Name, q => (double)q.Running));
                Replace(RotaMetrics.QueuePaused, queues.ToDictionary(q => q.Name, q => q.Paused ? 1d : 0d));
                Replace(RotaMetrics.NodeHeartbeatAge, nodes.ToDictionary(n => n.Name, n => Math.Max(0, (now - n.HeartbeatAt).TotalSeconds)));
                RotaMetrics.StoreUp.Set(1);
            }
            catch (RotaException)
            {
                // Keep the last readings: an alert on rota_store_up says more than gauges dropping to nothing.
                RotaMetrics.StoreUp.Set(0);
            }
            _sampledAt = now;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sets one series per key and drops series of queues or nodes that no longer exist.</summary>
    private static void Replace(Gauge gauge, Dictionary<string, double> values)
    {
        foreach (var labels in gauge.GetAllLabelValues().ToList())
            if (!values.ContainsKey(labels[0])) gauge.RemoveLabelled(labels);
        foreach (var (key, value) in values) gauge.WithLabels(key).Set(value);
    }
}

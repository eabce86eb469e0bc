using Prometheus;
using Rota.Runs;

namespace Rota.Server.Observability;

/// <summary>Turns the engine's <see cref="RotaEngine.RunChanged"/> events into run counters and histograms.
/// Runs on engine threads: only in-memory increments, never throws.</summary>
public sealed class RunMetricsRecorder : IDisposable
{
    private readonly RotaEngine _engine;

    public RunMetricsRecorder(RotaEngine engine)
    {
        _engine = engine;
        engine.RunChanged += OnRunChanged;
    }

    public static void Record(RunEvent e)
    {
        switch (e.Kind)
        {
            case RunEventKind.Started:
                RotaMetrics.RunsStarted.WithLabels(e.TaskName).Inc();
                // Later attempts start after a deliberate backoff: only the first one says how late the scheduler was.
                if (e.Attempt <= 1 && e.Lateness is { } late)
                    RotaMetrics.RunLateness.WithLabels(e.TaskName).Observe(Math.Max(0, late.TotalSeconds));
                break;
            case RunEventKind.Finished:
                RotaMetrics.RunsFinished.WithLabels(e.TaskName, StatusLabel(e.Status)).Inc();
                if (e.Duration is { } d) RotaMetrics.RunDuration.WithLabels(e.TaskName).Observe(Math.Max(0, d.TotalSeconds));
                break;
        }
    }

    /// <summary>A finished attempt that is not terminal has a retry or snooze scheduled.</summary>
    public static string StatusLabel(RunStatus status) => status.IsTerminal() ? status.ToText() : "retrying";

    public void Dispose() => _engine.RunChanged -= OnRunChanged;

    private static void OnRunChanged(RunEvent e)
    {
        try { Record(e); }
        catch (ArgumentException) { /* a label value prometheus-net refuses: lose one sample rather than break the engine */ }
    }
}

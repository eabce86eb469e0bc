namespace Rota;

/// <summary>Hooks by which a client in the engine's process wakes it at once instead of waiting for its poll.</summary>
internal sealed class EngineSignals(Action runsInserted, Action schedulesChanged, Action<long, string> stopRun)
{
    public static EngineSignals None { get; } = new(() => { }, () => { }, (_, _) => { });

    public void RunsInserted() => runsInserted();
    public void SchedulesChanged() => schedulesChanged();
    public void StopRun(long runId, string reason) => stopRun(runId, reason);
}

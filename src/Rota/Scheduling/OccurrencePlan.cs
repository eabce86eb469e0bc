using Rota.Storage;

namespace Rota.Scheduling;

/// <summary>What firing one due schedule does: rows to insert, runs to cancel, and where the schedule moves next.</summary>
public sealed record OccurrencePlan(
    ScheduleFireParams Fire,
    IReadOnlyList<long> RunsToCancel,
    string? CancelReason);

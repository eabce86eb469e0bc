using Npgsql;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// The whole batch in one transaction and one round trip, set-based whatever its size: RunAttemptRecordMany
    /// (attempt history), RunReschedule (retries and snoozes), RunCompleteMany (terminal outcomes), then
    /// TaskRecordOutcomes and TaskPauseIfFailingById on the tasks RunCompleteMany touched.
    /// </summary>
    public Task<int> RunCompleteMany(IReadOnlyList<RunCompletion> completions, CancellationToken ct = default)
    {
        if (completions.Count == 0) return Task.FromResult(0);
        // One completion per run and attempt (the last wins), as applying them one by one would leave it.
        // Sent in run id order, the order every multi-run statement locks rows in (no deadlocks between nodes).
        var order = new Dictionary<RunCompletion, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < completions.Count; i++) order[completions[i]] = i;
        var batch = completions.GroupBy(x => (x.RunId, x.Attempt)).Select(g => g.Last()).OrderBy(x => x.RunId).ToList();
        var retries = batch.Where(x => x.Status == RunStatus.Scheduled).ToList();
        var terminal = batch.Where(x => x.Status != RunStatus.Scheduled).ToList();
        var history = batch.Where(x => !(x.Status == RunStatus.Scheduled && x.IsSnooze)).ToList();
        return Write(async (c, tx) =>
        {
            await using var b = new NpgsqlBatch(c, tx);
            b.BatchCommands.Add(BatchCommand("RunAttemptRecordMany")
                .Bind("id", history.Select(x => x.RunId).ToArray())
                .Bind("attempt", history.Select(x => x.Attempt).ToArray())
                .Bind("status", history.Select(x => (x.Status == RunStatus.Scheduled ? RunStatus.Failed : x.Status).ToText()).ToArray())
                .Bind("ended_at", history.Select(x => x.EndedAt.UtcDateTime).ToArray())
                .Bind("error_type", history.Select(x => x.Error?.Type).ToArray())
                .Bind("error_message", history.Select(x => x.Error?.Message).ToArray()));
            if (retries.Count > 0)
                b.BatchCommands.Add(BatchCommand("RunReschedule")
                    .Bind("id", retries.Select(x => x.RunId).ToArray())
                    .Bind("attempt", retries.Select(x => x.Attempt).ToArray())
                    .Bind("scheduled_at", retries.Select(x => (x.NextScheduledAt ?? x.EndedAt).UtcDateTime).ToArray())
                    .Bind("snooze", retries.Select(x => x.IsSnooze ? 1 : 0).ToArray())
                    .Bind("reason", retries.Select(x => x.Reason).ToArray())
                    .Bind("error_type", retries.Select(x => x.Error?.Type).ToArray())
                    .Bind("error_message", retries.Select(x => x.Error?.Message).ToArray())
                    .Bind("error_details", retries.Select(x => x.Error?.Details).ToArray())
                    .Bind("error_transient", retries.Select(x => x.Error is null ? (bool?)null : x.Error.IsTransient).ToArray())
                    .Bind("logs", retries.Select(x => x.Logs).ToArray()));
            if (terminal.Count > 0)
            {
                b.BatchCommands.Add(BatchCommand("RunCompleteMany")
                    .Bind("id", terminal.Select(x => x.RunId).ToArray())
                    .Bind("attempt", terminal.Select(x => x.Attempt).ToArray())
                    .Bind("status", terminal.Select(x => x.Status.ToText()).ToArray())
                    .Bind("ended_at", terminal.Select(x => x.EndedAt.UtcDateTime).ToArray())
                    .Bind("reason", terminal.Select(x => x.Reason).ToArray())
                    .Bind("stats", terminal.Select(x => x.Stats?.ToJsonString()).ToArray())
                    .Bind("error_type", terminal.Select(x => x.Error?.Type).ToArray())
                    .Bind("error_message", terminal.Select(x => x.Error?.Message).ToArray())
                    .Bind("error_details", terminal.Select(x => x.Error?.Details).ToArray())
                    .Bind("error_transient", terminal.Select(x => x.Error is null ? (bool?)null : x.Error.IsTransient).ToArray())
                    .Bind("logs", terminal.Select(x => x.Logs).ToArray())
                    .Bind("progress", terminal.Select(x => x.Progress).ToArray())
                    .Bind("ord", terminal.Select(x => order[x]).ToArray()));
                b.BatchCommands.Add(BatchCommand("TaskRecordOutcomes"));
                b.BatchCommands.Add(BatchCommand("TaskPauseIfFailingById"));
            }
            var applied = 0;
            await using (var r = await b.ExecuteReaderAsync(ct))
            {
                // Only RunCompleteMany returns rows (applied, completed); the rest report affected rows.
                do
                {
                    if (r.FieldCount > 0 && await r.ReadAsync(ct)) applied += r.GetInt32(0);
                } while (await r.NextResultAsync(ct));
            }
            if (retries.Count > 0) applied += b.BatchCommands[1].RecordsAffected;
            return applied;
        }, ct);
    }
}

using System.Text.Json.Nodes;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>The runs list, newest first, without logs; read by position with typed getters (Dapper's mapper boxed
    /// every value of the API's hottest read). Columns in the order the SQL file lists them; auto-prepared by the data source.</summary>
    public Task<IReadOnlyList<RunRecord>> RunList(RunListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunRecord>>(async c =>
        {
            var limit = Math.Clamp(p.Limit, 1, 10_000);
            await using var batch = new NpgsqlBatch(c);
            // Every owner's runs without filters (an admin's default page): a statement whose generic plan is right
            // without statistics, run on that plan — per-execution planning cost more than the query. Other lists
            // keep plans made for their values.
            var everything = p.TaskName is null && p.Owner is null && p.Status is null && p.Trigger is null && p.From is null && p.To is null;
            if (everything)
            {
                batch.BatchCommands.Add(BatchCommand("GenericPlanForThisTransaction"));
                batch.BatchCommands.Add(BatchCommand("RunListAll").Bind("before_id", p.BeforeId).Bind("limit", limit));
            }
            else
                batch.BatchCommands.Add(BatchCommand(p.TaskName is null ? "RunList" : "RunListByTask")
                    .Bind("task_name", p.TaskName)
                    .Bind("owner", p.Owner)
                    .Bind("status", p.Status?.ToText())
                    .Bind("trigger", p.Trigger is { } t ? Text(t) : null)
                    .Bind("from", Utc(p.From))
                    .Bind("to", Utc(p.To))
                    .Bind("before_id", p.BeforeId)
                    .Bind("limit", limit));
            await using var r = await batch.ExecuteReaderAsync(ct);
            if (everything) await r.NextResultAsync(ct);
            var runs = new List<RunRecord>(Math.Min(limit, 1000));
            while (await r.ReadAsync(ct)) runs.Add(ListRow(r));
            return runs;
        }, ct);

    private static RunRecord ListRow(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        TaskId = r.GetInt64(1),
        TaskName = r.GetString(2),
        TaskVersion = r.GetInt32(3),
        ScheduleId = r.IsDBNull(4) ? null : r.GetInt64(4),
        ScheduleName = ListText(r, 5),
        Trigger = TextNames.Parse<RunTrigger>(r.GetString(6)),
        TriggeredBy = ListText(r, 7),
        Status = TextNames.Parse<RunStatus>(r.GetString(8)),
        Reason = ListText(r, 9),
        Queue = r.GetString(10),
        Priority = r.GetInt32(11),
        NominalTime = ListTime(r, 12),
        ScheduledAt = At(r.GetDateTime(13)),
        CreatedAt = At(r.GetDateTime(14)),
        FirstStartedAt = ListTime(r, 15),
        StartedAt = ListTime(r, 16),
        EndedAt = ListTime(r, 17),
        Attempt = r.GetInt32(18),
        MaxAttempts = r.GetInt32(19),
        Node = ListText(r, 20),
        Progress = r.IsDBNull(21) ? null : r.GetInt32(21),
        ProgressText = ListText(r, 22),
        Parameters = ListText(r, 23) is { } parameters ? JsonNode.Parse(parameters) as JsonObject : null,
        Stats = ListText(r, 24) is { } stats ? JsonNode.Parse(stats) as JsonObject : null,
        Error = ListText(r, 25) is { } errorType ? new RunError(errorType, ListText(r, 26) ?? "", ListText(r, 27), !r.IsDBNull(28) && r.GetBoolean(28)) : null,
        IdempotencyKey = ListText(r, 29),
        CancelRequestedAt = ListTime(r, 30),
        ParentRunId = r.IsDBNull(31) ? null : r.GetInt64(31),
        Step = ListText(r, 32),
    };

    private static string? ListText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? ListTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : At(r.GetDateTime(i));
}

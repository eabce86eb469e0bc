using System.Text;
using Microsoft.Data.Sqlite;
using Rota.Runs;
using SQLitePCL;

namespace Rota.Storage.Sqlite;

/// <summary>
/// The runs list (<c>RunList</c>/<c>RunListByTask</c>) as a statement prepared once per pooled read connection and read
/// with SQLite's own column functions. Through SqliteDataReader every value costs a type check, a bounds check and the
/// read (three native calls); a 50-row page has ~1,600 values, which made reading the page most of the API's list
/// request. Columns come by position in the order the SQL file lists them.
/// </summary>
internal sealed class RunListStatement : IDisposable
{
    private const int BusyRetryMs = 30_000;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly int _taskName, _owner, _status, _trigger, _from, _to, _beforeId, _limit;
    // Consecutive rows mostly repeat a task name, queue, reason or node: reuse the previous row's string when the bytes match.
    private readonly RepeatedText _text = new();

    private RunListStatement(sqlite3 db, sqlite3_stmt stmt)
    {
        (_db, _stmt) = (db, stmt);
        _taskName = Index("@task_name");
        _owner = Index("@owner");
        _status = Index("@status");
        _trigger = Index("@trigger");
        _from = Index("@from");
        _to = Index("@to");
        _beforeId = Index("@before_id");
        _limit = Index("@limit");
    }

    public static RunListStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("store: the read connection is not open");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        SqliteException.ThrowExceptionForRC(rc, db);
        return new RunListStatement(db, stmt);
    }

    private int Index(string name) =>
        raw.sqlite3_bind_parameter_index(_stmt, name) is > 0 and var i ? i : throw new InvalidOperationException($"store: the runs list has no {name}");

    public List<RunRecord> Read(RunListParams p, string? status, string? trigger, int limit)
    {
        try
        {
            Bind(_taskName, p.TaskName);
            Bind(_owner, p.Owner);
            Bind(_status, status);
            Bind(_trigger, trigger);
            Bind(_from, p.From?.ToUnixTimeMilliseconds());
            Bind(_to, p.To?.ToUnixTimeMilliseconds());
            Bind(_beforeId, p.BeforeId);
            Bind(_limit, limit);
            var rows = new List<RunRecord>(Math.Min(limit, 1000));
            var waited = 0;
            while (true)
            {
                var rc = raw.sqlite3_step(_stmt);
                if (rc == raw.SQLITE_ROW) rows.Add(Row());
                else if (rc == raw.SQLITE_DONE) return rows;
                else if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && rows.Count == 0 && waited < BusyRetryMs)
                {
                    // A WAL reader is rarely busy (a checkpoint restarting the log); wait as SqliteCommand would.
                    raw.sqlite3_reset(_stmt);
                    Thread.Sleep(5);
                    waited += 5;
                }
                else SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    private void Bind(int index, string? value)
    {
        var rc = value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, value);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Bind(int index, long? value)
    {
        var rc = value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private RunRecord Row()
    {
        var s = _stmt;
        return new RunRecord
        {
            Id = raw.sqlite3_column_int64(s, 0),
            TaskId = raw.sqlite3_column_int64(s, 1),
            TaskName = Text(2) ?? "",
            TaskVersion = raw.sqlite3_column_int(s, 3),
            ScheduleId = Long(4),
            ScheduleName = Text(5),
            Trigger = TextNames.Parse<RunTrigger>(Text(6) ?? ""),
            TriggeredBy = Text(7),
            Status = TextNames.Parse<RunStatus>(Text(8) ?? ""),
            Reason = Text(9),
            Queue = Text(10) ?? "",
            Priority = raw.sqlite3_column_int(s, 11),
            NominalTime = Time(12),
            ScheduledAt = DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(s, 13)),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(s, 14)),
            FirstStartedAt = Time(15),
            StartedAt = Time(16),
            EndedAt = Time(17),
            Attempt = raw.sqlite3_column_int(s, 18),
            MaxAttempts = raw.sqlite3_column_int(s, 19),
            Node = Text(20),
            Progress = Long(21) is { } progress ? (int)progress : null,
            ProgressText = Text(22),
            Parameters = Json(23),
            Stats = Json(24),
            Error = Text(25) is { } errorType ? new RunError(errorType, Text(26) ?? "", Text(27), Long(28) is { } t && t != 0) : null,
            IdempotencyKey = Text(29),
            CancelRequestedAt = Time(30),
            ParentRunId = Long(31),
            Step = Text(32),
        };
    }

    private bool IsNull(int i) => raw.sqlite3_column_type(_stmt, i) == raw.SQLITE_NULL;

    private long? Long(int i) => IsNull(i) ? null : raw.sqlite3_column_int64(_stmt, i);

    private DateTimeOffset? Time(int i) => IsNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(_stmt, i));

    private string? Text(int i) => IsNull(i) ? null : _text.Get(i, raw.sqlite3_column_blob(_stmt, i));

    private System.Text.Json.Nodes.JsonObject? Json(int i) =>
        IsNull(i) ? null : System.Text.Json.Nodes.JsonNode.Parse(raw.sqlite3_column_blob(_stmt, i)) as System.Text.Json.Nodes.JsonObject;

    public void Dispose() => _stmt.Dispose();

    /// <summary>The last string read per column, reused while the next row's bytes are the same.</summary>
    private sealed class RepeatedText
    {
        private const int Columns = 40;
        private readonly byte[]?[] _bytes = new byte[]?[Columns];
        private readonly string?[] _strings = new string?[Columns];

        public string Get(int column, ReadOnlySpan<byte> utf8)
        {
            if (_bytes[column] is { } last && utf8.SequenceEqual(last)) return _strings[column]!;
            var text = Encoding.UTF8.GetString(utf8);
            // Only short values are worth remembering (names, queues, reasons); long ones are rarely repeated.
            if (utf8.Length <= 256)
            {
                _bytes[column] = utf8.ToArray();
                _strings[column] = text;
            }
            return text;
        }
    }
}

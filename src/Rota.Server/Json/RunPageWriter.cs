using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Rota.Runs;
using Rota.Server.Views;

namespace Rota.Server.Json;

/// <summary>
/// Writes a runs page (<see cref="Endpoints.RunPage"/> of <see cref="RunView"/>s) straight from the store's records with a
/// <see cref="Utf8JsonWriter"/>: the same bytes <see cref="ApiJson.Options"/> would produce (a test compares them), without
/// building a view per run or the serializer's per-property dispatch — the list is the API's hottest response.
/// Property order and names follow <see cref="RunView"/> and <see cref="ErrorView"/>; change them together.
/// </summary>
public static class RunPageWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ApiJson.Options.Encoder, SkipValidation = true };

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, ApiJson.Options.Encoder);

    private static readonly JsonEncodedText Runs = Name("runs"), NextCursor = Name("next_cursor"), Id = Name("id"), TaskId = Name("task_id"),
        Task = Name("task"), Schedule = Name("schedule"), Trigger = Name("trigger"), TriggeredBy = Name("triggered_by"), Status = Name("status"),
        Reason = Name("reason"), Queue = Name("queue"), Priority = Name("priority"), NominalTime = Name("nominal_time"),
        ScheduledAt = Name("scheduled_at"), CreatedAt = Name("created_at"), StartedAt = Name("started_at"), EndedAt = Name("ended_at"),
        Attempt = Name("attempt"), MaxAttempts = Name("max_attempts"), Node = Name("node"), Progress = Name("progress"),
        ProgressText = Name("progress_text"), DurationMs = Name("duration_ms"), LatenessMs = Name("lateness_ms"), Parameters = Name("parameters"),
        Stats = Name("stats"), Error = Name("error"), ParentRunId = Name("parent_run_id"), Step = Name("step"), Type = Name("type"),
        Message = Name("message"), Details = Name("details"), Transient = Name("transient");

    /// <summary>Writes <c>{"runs": [...], "next_cursor": …}</c> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, IReadOnlyList<RunRecord> runs, string? nextCursor)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray(Runs);
        foreach (var run in runs) WriteRun(w, run);
        w.WriteEndArray();
        String(w, NextCursor, nextCursor);
        w.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter w, RunRecord r)
    {
        w.WriteStartObject();
        w.WriteNumber(Id, r.Id);
        w.WriteNumber(TaskId, r.TaskId);
        w.WriteString(Task, r.TaskName);
        String(w, Schedule, r.ScheduleName);
        w.WriteString(Trigger, EncodedName(r.Trigger));
        String(w, TriggeredBy, r.TriggeredBy);
        w.WriteString(Status, EncodedName(r.Status));
        String(w, Reason, r.Reason);
        w.WriteString(Queue, r.Queue);
        w.WriteNumber(Priority, r.Priority);
        Time(w, NominalTime, r.NominalTime);
        w.WriteString(ScheduledAt, r.ScheduledAt);
        w.WriteString(CreatedAt, r.CreatedAt);
        Time(w, StartedAt, r.StartedAt);
        Time(w, EndedAt, r.EndedAt);
        w.WriteNumber(Attempt, r.Attempt);
        w.WriteNumber(MaxAttempts, r.MaxAttempts);
        String(w, Node, r.Node);
        if (r.Progress is { } progress) w.WriteNumber(Progress, progress);
        else w.WriteNull(Progress);
        String(w, ProgressText, r.ProgressText);
        Millis(w, DurationMs, r.Duration);
        Millis(w, LatenessMs, r.Lateness);
        w.WritePropertyName(Parameters);
        if (r.Parameters is { } parameters) parameters.WriteTo(w, ApiJson.Options);
        else w.WriteNullValue();
        w.WritePropertyName(Stats);
        if (r.Stats is { } stats) stats.WriteTo(w, ApiJson.Options);
        else w.WriteNullValue();
        if (r.Error is { } e)
        {
            w.WriteStartObject(Error);
            w.WriteString(Type, e.Type);
            w.WriteString(Message, e.Message);
            String(w, Details, e.Details);
            w.WriteBoolean(Transient, e.IsTransient);
            w.WriteEndObject();
        }
        else w.WriteNull(Error);
        if (r.ParentRunId is { } parent) w.WriteNumber(ParentRunId, parent);
        else w.WriteNull(ParentRunId);
        String(w, Step, r.Step);
        w.WriteEndObject();
    }

    /// <summary>An enum value's snake_case name, encoded once per value (two per row otherwise).</summary>
    private static JsonEncodedText EncodedName<T>(T value) where T : struct, Enum =>
        EncodedNames<T>.ByValue.TryGetValue(value, out var encoded) ? encoded : JsonEncodedText.Encode(TextNames.Of(value), ApiJson.Options.Encoder);

    private static class EncodedNames<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, JsonEncodedText> ByValue =
            SnakeNames<T>.ByValue.ToFrozenDictionary(kv => kv.Key, kv => JsonEncodedText.Encode(kv.Value, ApiJson.Options.Encoder));
    }

    private static void String(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Time(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }

    private static void Millis(Utf8JsonWriter w, JsonEncodedText name, TimeSpan? value)
    {
        if (value is { } v) w.WriteNumber(name, v.TotalMilliseconds);
        else w.WriteNull(name);
    }
}

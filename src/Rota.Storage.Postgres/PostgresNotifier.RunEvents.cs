using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rota.Runs;

namespace Rota.Storage.Postgres;

// ---- Run events between nodes (IRunEventRelay) — separate from the wake-ups above: own channel (rota_events), own
// ---- listening connection, own payload. Nothing here is used by the engine's claim/completion paths.
public sealed partial class PostgresNotifier
{
    /// <summary>NOTIFY payloads must stay under 8,000 bytes; events are packed into notifications up to this size.</summary>
    internal const int MaxRunEventsPayload = 7000;
    private const int MaxProgressText = 200;

    private volatile bool _listeningForRunEvents;

    /// <summary>True from a successful LISTEN on the run-events channel until that connection fails.</summary>
    public bool IsListeningForRunEvents => _listeningForRunEvents;

    /// <summary>The payloads carrying <paramref name="events"/>: <c>{"s": schema, "n": instance, "e": [[…], …]}</c>, as many
    /// events per payload as fit in <see cref="MaxRunEventsPayload"/> bytes, in order.</summary>
    internal IReadOnlyList<string> RunEventsPayloads(IReadOnlyList<RelayedRunEvent> events)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"s\":{JsonSerializer.Serialize(_schema)},\"n\":\"{_instance}\",\"e\":[");
        var payloads = new List<string>();
        var current = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            var one = EncodeRunEvent(e);
            if (current.WrittenCount > 0 && prefix.Length + current.WrittenCount + 1 + one.Length + 2 > MaxRunEventsPayload)
            {
                payloads.Add(Close(prefix, current));
                current = new ArrayBufferWriter<byte>();
            }
            if (current.WrittenCount > 0) current.Write(","u8);
            current.Write(one);
        }
        if (current.WrittenCount > 0) payloads.Add(Close(prefix, current));
        return payloads;
    }

    private static string Close(byte[] prefix, ArrayBufferWriter<byte> events) =>
        string.Concat(Encoding.UTF8.GetString(prefix), Encoding.UTF8.GetString(events.WrittenSpan), "]}");

    private static byte[] EncodeRunEvent(RelayedRunEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue((int)e.Kind);
            w.WriteNumberValue(e.RunId);
            w.WriteNumberValue(e.TaskId);
            w.WriteStringValue(e.TaskName);
            if (e.Owner is null) w.WriteNullValue(); else w.WriteStringValue(e.Owner);
            w.WriteStringValue(TextNames.Of(e.Status));
            w.WriteNumberValue(e.Attempt);
            if (e.Progress is { } p) w.WriteNumberValue(p); else w.WriteNullValue();
            if (e.ProgressText is null) w.WriteNullValue();
            else w.WriteStringValue(e.ProgressText.Length > MaxProgressText ? e.ProgressText[..MaxProgressText] : e.ProgressText);
            w.WriteNumberValue(e.At.ToUnixTimeMilliseconds());
            if (e.DurationMs is { } d) w.WriteNumberValue(d); else w.WriteNullValue();
            if (e.LatenessMs is { } l) w.WriteNumberValue(l); else w.WriteNullValue();
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The events a payload carries for this instance: none when it is its own, another schema's, or malformed.</summary>
    internal IReadOnlyList<RelayedRunEvent> ParseRunEvents(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.GetProperty("s").GetString() != _schema || root.GetProperty("n").GetString() == _instance) return [];
            var events = new List<RelayedRunEvent>();
            foreach (var a in root.GetProperty("e").EnumerateArray())
            {
                var kind = (RunEventKind)a[0].GetInt32();
                if (!Enum.IsDefined(kind)) continue;
                events.Add(new RelayedRunEvent(kind, a[1].GetInt64(), a[2].GetInt64(), a[3].GetString() ?? "", a[4].GetString(),
                    TextNames.Parse<RunStatus>(a[5].GetString() ?? ""), a[6].GetInt32(), a[7].ValueKind == JsonValueKind.Null ? null : a[7].GetInt32(),
                    a[8].GetString(), DateTimeOffset.FromUnixTimeMilliseconds(a[9].GetInt64()), Number(a[10]), Number(a[11])));
            }
            return events;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException or RotaException)
        {
            return [];
        }
    }

    private static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    /// <summary>See <see cref="IRunEventRelay.RunEventsListen"/>: a dedicated connection, reconnecting like the wake-up listener.</summary>
    public Task ListenForRunEventsAsync(Action<IReadOnlyList<RelayedRunEvent>> received, ILogger logger, CancellationToken ct) =>
        !Enabled ? Task.CompletedTask : KeepListeningAsync("RunEventsListen",
            payload => { if (ParseRunEvents(payload) is { Count: > 0 } events) received(events); },
            on => _listeningForRunEvents = on,
            (ex, retrySeconds) => LogRunEventsLost(logger, ex, _schema, retrySeconds),
            () => LogRunEventsListening(logger, _schema), ct);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "notifier: run-events connection for schema {Schema} lost; other nodes' live events are missed until it is back (retrying from {RetrySeconds} s)")]
    private static partial void LogRunEventsLost(ILogger logger, Exception ex, string schema, double retrySeconds);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "notifier: receiving other nodes' run events of schema {Schema} again")]
    private static partial void LogRunEventsListening(ILogger logger, string schema);
}

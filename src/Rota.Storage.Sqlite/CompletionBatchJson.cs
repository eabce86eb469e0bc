using System.Buffers;
using System.Text;
using System.Text.Json;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

/// <summary>Encodes a batch of completions as one JSON array, read in SQL with <c>json_each</c>.</summary>
internal static class CompletionBatchJson
{
    public static string Write(IReadOnlyList<RunCompletion> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(batch.Count * 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var x in batch)
            {
                w.WriteStartObject();
                w.WriteNumber("id", x.RunId);
                w.WriteNumber("attempt", x.Attempt);
                w.WriteString("status", TextNames.Of(x.Status));
                w.WriteNumber("ended_at", x.EndedAt.ToUnixTimeMilliseconds());
                Maybe(w, "reason", x.Reason);
                Maybe(w, "stats", x.Stats?.ToJsonString());
                Maybe(w, "error_type", x.Error?.Type);
                Maybe(w, "error_message", x.Error?.Message);
                Maybe(w, "error_details", x.Error?.Details);
                if (x.Error is not null) w.WriteNumber("error_transient", x.Error.IsTransient ? 1 : 0);
                Maybe(w, "logs", x.Logs);
                if (x.Progress is { } p) w.WriteNumber("progress", p);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Maybe(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}

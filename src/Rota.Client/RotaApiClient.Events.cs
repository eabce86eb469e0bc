using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    /// <summary>Reads <c>/api/v1/events</c> (Server-Sent Events) until <paramref name="ct"/> is cancelled or the server
    /// closes the stream. Keep-alive comments are skipped. Narrow with <paramref name="runId"/> or <paramref name="task"/>.</summary>
    public async IAsyncEnumerable<ServerEvent> StreamEventsAsync(long? runId = null, string? task = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Query("events", ("run_id", runId?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("task", task)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendAsync(request, ct, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var parser = new SseParser();
        while (await reader.ReadLineAsync(ct) is { } line)
            if (parser.Feed(line) is { } e) yield return e;
    }

    /// <summary>The SSE wire format: <c>id:</c>, <c>event:</c> and <c>data:</c> lines, an empty line ends an event,
    /// lines starting with ':' are comments.</summary>
    private sealed class SseParser
    {
        private readonly StringBuilder _data = new();
        private string? _type;
        private long? _id;

        public ServerEvent? Feed(string line)
        {
            if (line.Length == 0) return Dispatch();
            if (line[0] == ':') return null;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": _type = value; break;
                case "id": _id = long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null; break;
                case "data": _data.Append(_data.Length == 0 ? "" : "\n").Append(value); break;
            }
            return null;
        }

        private ServerEvent? Dispatch()
        {
            if (_data.Length == 0 && _type is null) return null;
            JsonObject data;
            try { data = JsonNode.Parse(_data.ToString()) as JsonObject ?? []; }
            catch (JsonException) { data = new JsonObject { ["text"] = _data.ToString() }; }
            var e = new ServerEvent(_id, _type ?? "message", data);
            _data.Clear();
            _type = null;
            _id = null;
            return e;
        }
    }
}

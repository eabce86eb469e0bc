using System.Text;
using System.Text.Json;

namespace Rota.Server.Tests;

/// <summary>Reads a text/event-stream per the HTML spec: lines up to a blank line make an event; <c>:</c> lines are
/// comments; several <c>data:</c> lines join with newlines; a missing <c>event:</c> means <c>message</c>.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public async Task<SseEvent?> NextAsync(CancellationToken ct)
    {
        string? id = null, type = null;
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (!any) continue;
                return new SseEvent(id, type ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone());
            }
            if (line[0] == ':') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": type = value; any = true; break;
                case "id": id = value; any = true; break;
                case "data": if (data.Length > 0) data.Append('\n'); data.Append(value); any = true; break;
            }
        }
        return null;
    }

    /// <summary>Reads events until <paramref name="stop"/> matches one (included), within <paramref name="timeout"/>.</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> stop, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var events = new List<SseEvent>();
        try
        {
            while (await NextAsync(cts.Token) is { } e)
            {
                events.Add(e);
                if (stop(e)) return events;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"SSE: no matching event within {timeout}; got: {string.Join(", ", events.Select(x => x.Type + " " + x.Data))}");
        }
        Assert.Fail("SSE: the stream ended; got: " + string.Join(", ", events.Select(x => x.Type)));
        return events;
    }

    public void Dispose() => _reader.Dispose();
}

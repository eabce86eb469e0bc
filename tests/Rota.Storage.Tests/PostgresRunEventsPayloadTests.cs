using System.Text;
using Rota.Runs;
using Rota.Storage.Postgres;

namespace Rota.Storage.Tests;

/// <summary>The run-events NOTIFY payload: packed under PostgreSQL's 8,000-byte limit, in order, and dropped by the
/// instance that sent it and by listeners of another schema. No server needed (the stores open no connection).</summary>
public sealed class PostgresRunEventsPayloadTests : IAsyncDisposable
{
    private const string Cs = "Host=127.0.0.1;Username=postgres";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);
    private readonly List<PostgresStore> _stores = [];

    private PostgresNotifier Notifier(string schema)
    {
        var store = PostgresStore.Create(Cs, schema);
        _stores.Add(store);
        return store.Notifier;
    }

    private static RelayedRunEvent Event(long id, string? text = "halfway \"ünïcode\"") =>
        new(RunEventKind.Progress, id, 7, "crawl-news", "alice", RunStatus.Running, 1, 50, text, At, null, 12.5);

    [Fact]
    public void Payloads_ManyEvents_EachUnderTheLimit_AllArriveInOrderAtAnotherInstance()
    {
        var sender = Notifier("rota_a");
        var receiver = Notifier("rota_a");
        var events = Enumerable.Range(1, 400).Select(i => Event(i, new string('x', i % 300))).ToList();

        var payloads = sender.RunEventsPayloads(events);

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= PostgresNotifier.MaxRunEventsPayload, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        var received = payloads.SelectMany(receiver.ParseRunEvents).ToList();
        Assert.Equal(events.Select(e => e.RunId), received.Select(e => e.RunId));
        Assert.Equal(Event(3) with { ProgressText = new string('x', 3) }, received[2]);
    }

    [Fact]
    public void Parse_OwnPayload_Nothing()
    {
        var n = Notifier("rota_a");
        Assert.Empty(n.RunEventsPayloads([Event(1)]).SelectMany(n.ParseRunEvents));
    }

    [Fact]
    public void Parse_OtherSchemasPayload_Nothing() =>
        Assert.Empty(Notifier("rota_b").ParseRunEvents(Notifier("rota_a").RunEventsPayloads([Event(1)])[0]));

    [Fact]
    public void Parse_Malformed_Nothing() => Assert.Empty(Notifier("rota_a").ParseRunEvents("{\"s\":\"rota_a\",\"n\":\"x\",\"e\":[[9]]}"));

    [Fact]
    public void Payloads_LongProgressText_CutTo200Characters()
    {
        var payload = Notifier("rota_a").RunEventsPayloads([Event(1, new string('y', 5000))])[0];
        Assert.Equal(200, Assert.Single(Notifier("rota_a").ParseRunEvents(payload)).ProgressText!.Length);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _stores) await s.DisposeAsync();
    }
}

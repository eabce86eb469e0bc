using Microsoft.Extensions.Logging;
using Npgsql;
using Rota.Storage;

namespace Rota.Storage.Postgres;

/// <summary>Run events between nodes through NOTIFY on <c>rota_events</c> (<see cref="PostgresNotifier"/>'s run-events part).</summary>
public sealed partial class PostgresStore : IRunEventRelay
{
    public bool RunEventsEnabled => Notifier.Enabled;

    public Task RunEventsPublish(IReadOnlyList<RelayedRunEvent> events, CancellationToken ct = default)
    {
        if (!Notifier.Enabled || events.Count == 0) return Task.CompletedTask;
        var payloads = Notifier.RunEventsPayloads(events);
        return Read(async c =>
        {
            await using var batch = new NpgsqlBatch(c);
            foreach (var payload in payloads)
                batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql["RunEventsNotify"]) { Parameters = { new NpgsqlParameter("payload", payload) } });
            await batch.ExecuteNonQueryAsync(ct);
            return 0;
        }, ct);
    }

    public Task RunEventsListen(Action<IReadOnlyList<RelayedRunEvent>> received, ILogger logger, CancellationToken ct) =>
        Notifier.ListenForRunEventsAsync(received, logger, ct);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rota.Alerts.Channels;
using Rota.Storage;

namespace Rota.Alerts;

/// <summary>
/// Delivers alert messages in the background: each is recorded (pending) in the store, then sent with up to
/// <see cref="AlertOptions.Attempts"/> tries and exponential backoff, and recorded sent or failed. Callers never
/// wait on a channel, so a dead SMTP server or a failing webhook cannot hold up runs. When the store itself is
/// down (the <c>store_unreachable</c> alert) the message is sent anyway and its outcome kept in memory (at most
/// <see cref="MaxUnrecorded"/>) until <see cref="RecordBacklogAsync"/> can write it.
/// A failed delivery's error reads <c>code: message</c> with a stable code (<see cref="AlertChannelErrors"/>); causes
/// retrying cannot fix (a refused login, an untrusted certificate) are not retried.
/// </summary>
internal sealed partial class AlertSender(IRotaStore store, AlertChannelFactory channels, AlertOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Outcomes kept while the store is down; beyond this the oldest are dropped (and logged).</summary>
    public const int MaxUnrecorded = 1000;

    private readonly ConcurrentDictionary<Task, byte> _inflight = new();
    private readonly ConcurrentQueue<UnrecordedDelivery> _unrecorded = new();
    private readonly SemaphoreSlim _recording = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Deliveries sent while the store was down and not yet recorded.</summary>
    public int UnrecordedCount => _unrecorded.Count;

    /// <summary>Records the delivery and starts sending it; returns at once.</summary>
    public async Task EnqueueAsync(AlertChannelConfig channel, AlertMessage message)
    {
        // Earlier outcomes first, so the record keeps the order the messages were sent in.
        await RecordBacklogAsync().ConfigureAwait(false);
        var id = await RecordAsync(channel, message).ConfigureAwait(false);
        Track(DeliverAsync(id, channel, message, _stopping.Token));
    }

    /// <summary>Records and sends one message, waiting for the outcome (a test-send).</summary>
    public async Task<AlertDeliveryRow> SendNowAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken ct)
    {
        var id = await store.AlertDeliveryInsert(new AlertDeliveryInsertParams(message.Rule, channel.Name, message.SubjectKey, message.Kind,
            message.Subject, time.GetUtcNow()), ct).ConfigureAwait(false);
        var task = DeliverAsync(id, channel, message, ct);
        Track(task);
        await task.ConfigureAwait(false);
        var rows = await store.AlertDeliveryList(new AlertDeliveryListParams(Channel: channel.Name, Limit: 50), ct).ConfigureAwait(false);
        return rows.First(r => r.Id == id);
    }

    /// <summary>Waits until every delivery started so far has been sent or recorded failed.</summary>
    public async Task WhenIdleAsync()
    {
        while (_inflight.Keys.ToList() is { Count: > 0 } pending)
            await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await WhenIdleAsync().ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Writes the outcomes of deliveries sent while the store was down, oldest first, with their original
    /// times; stops (keeping the rest) when the store is still unreachable.</summary>
    public async Task RecordBacklogAsync(CancellationToken ct = default)
    {
        if (_unrecorded.IsEmpty) return;
        await _recording.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (_unrecorded.TryPeek(out var d))
            {
                long id;
                try
                {
                    id = await store.AlertDeliveryInsert(new AlertDeliveryInsertParams(d.Message.Rule, d.Channel, d.Message.SubjectKey, d.Message.Kind,
                        d.Message.Subject, d.Message.At), ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (StoreHealth.IsOutage(ex)) { return; }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Not an outage: this record will never fit; drop it rather than hold up the rest.
                    _unrecorded.TryDequeue(out _);
                    LogNotRecorded($"{d.Message.Kind} message of rule {d.Message.Rule}", d.Channel, ex.Message);
                    continue;
                }
                _unrecorded.TryDequeue(out _);
                await UpdateAsync(id, d.Status, d.Attempts, d.Error, d.SentAt).ConfigureAwait(false);
            }
        }
        finally { _recording.Release(); }
    }

    private async Task FinishAsync(long? id, AlertChannelConfig channel, AlertMessage message, string status, int attempts, string? error, DateTimeOffset? sentAt)
    {
        if (id is not null) { await UpdateAsync(id, status, attempts, error, sentAt).ConfigureAwait(false); return; }
        _unrecorded.Enqueue(new UnrecordedDelivery(channel.Name, message, status, attempts, error, sentAt));
        while (_unrecorded.Count > MaxUnrecorded && _unrecorded.TryDequeue(out var dropped))
            LogNotRecorded($"{dropped.Message.Kind} message of rule {dropped.Message.Rule}", dropped.Channel, "too many unrecorded deliveries; dropped the oldest");
    }

    private sealed record UnrecordedDelivery(string Channel, AlertMessage Message, string Status, int Attempts, string? Error, DateTimeOffset? SentAt);

    private void Track(Task task)
    {
        _inflight[task] = 0;
        _ = task.ContinueWith(t => _inflight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task<long?> RecordAsync(AlertChannelConfig channel, AlertMessage message)
    {
        try
        {
            return await store.AlertDeliveryInsert(new AlertDeliveryInsertParams(message.Rule, channel.Name, message.SubjectKey, message.Kind,
                message.Subject, time.GetUtcNow())).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreHealth.IsOutage(ex))
        {
            LogNotRecorded(message.Rule, channel.Name, "store: " + ex.Message);
            return null;
        }
    }

    private async Task DeliverAsync(long? id, AlertChannelConfig channel, AlertMessage message, CancellationToken ct)
    {
        string? error = null;
        var tries = 0;
        for (var attempt = 1; attempt <= Math.Max(1, options.Attempts); attempt++)
        {
            tries = attempt;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.SendTimeout);
                await channels.Create(channel).SendAsync(message, timeout.Token).ConfigureAwait(false);
                await FinishAsync(id, channel, message, AlertDeliveryValues.Sent, attempt, null, time.GetUtcNow()).ConfigureAwait(false);
                LogSent(message.Kind, message.Rule, channel.Name, attempt);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { error = $"{AlertChannelErrors.Failed}: cancelled: the node stopped"; break; }
            catch (Exception ex)
            {
                error = ex switch
                {
                    OperationCanceledException => $"{AlertChannelErrors.Failed}: {channel.Type}: channel '{channel.Name}': timed out after {options.SendTimeout.TotalSeconds:0.#} s",
                    RotaException re => $"{re.Code}: {re.Message}",
                    _ => $"{AlertChannelErrors.Failed}: {ex.Message}",
                };
                // A refused login or an untrusted certificate fails the same way on every try.
                if (attempt >= options.Attempts || ex is RotaException { IsTransient: false }) break;
                await UpdateAsync(id, AlertDeliveryValues.Pending, attempt, error, null).ConfigureAwait(false);
                try { await Task.Delay(options.Backoff(attempt), time, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
        LogFailed(message.Kind, message.Rule, channel.Name, error);
        await FinishAsync(id, channel, message, AlertDeliveryValues.Failed, tries, error, null).ConfigureAwait(false);
    }

    private async Task UpdateAsync(long? id, string status, int attempts, string? error, DateTimeOffset? sentAt)
    {
        if (id is not { } deliveryId) return;
        try { await store.AlertDeliveryUpdate(new AlertDeliveryUpdateParams(deliveryId, status, attempts, error, sentAt)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogNotRecorded("delivery " + deliveryId, status, ex.Message); }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "alerts: {Kind} message of rule {Rule} sent to channel {Channel} (try {Attempt})")]
    private partial void LogSent(string kind, string rule, string channel, int attempt);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "alerts: {Kind} message of rule {Rule} to channel {Channel} failed after every try: {Error}")]
    private partial void LogFailed(string kind, string rule, string channel, string? error);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "alerts: {What} to {Channel} not recorded yet ({Reason}); sent anyway")]
    private partial void LogNotRecorded(string what, string channel, string reason);
}

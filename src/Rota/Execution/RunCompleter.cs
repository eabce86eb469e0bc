using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Execution;

/// <summary>
/// Collects attempt completions and progress updates and writes them in batches: one transaction for everything
/// that finished since the last write. Under load this turns thousands of commits into a few. While the store is down a
/// batch is kept in memory and retried with backoff until it is written: a completion is never dropped while the engine
/// runs (on shutdown it is retried for <see cref="RotaOptions.ShutdownGrace"/> at most).
/// </summary>
internal sealed partial class RunCompleter(IRotaStore store, RotaOptions options, StoreHealth health, ILogger logger)
{
    private long _closedAt = -1;
    private readonly Channel<(RunCompletion Completion, TaskCompletionSource Written)> _completions =
        Channel.CreateUnbounded<(RunCompletion, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, RunProgressParams> _progress = new();
    private readonly WakeSignal _progressSignal = new();

    /// <summary>Queues a completion; the task finishes once it is durable.</summary>
    public Task CompleteAsync(RunCompletion completion)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_completions.Writer.TryWrite((completion, written)))
            written.SetException(new RotaException("engine.stopped", "engine: the completer has stopped"));
        return written.Task;
    }

    /// <summary>Fired after a batch of completions committed (their runs no longer count as running in the store).</summary>
    public event Action<bool>? BatchWritten;

    /// <summary>Fired for every progress report, before it is batched for the store.</summary>
    public event Action<long, int?, string?>? Progressed;

    /// <summary>Records the latest progress of a run; written with the next progress flush.</summary>
    public void Progress(long runId, int? percent, string? text)
    {
        Progressed?.Invoke(runId, percent, text);
        lock (_progress)
        {
            var merged = _progress.TryGetValue(runId, out var old)
                ? new RunProgressParams(runId, percent ?? old.Progress, text ?? old.Text)
                : new RunProgressParams(runId, percent, text);
            _progress[runId] = merged;
        }
        _progressSignal.Set();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var reader = _completions.Reader;
        var batch = new List<(RunCompletion Completion, TaskCompletionSource Written)>(options.CompletionBatchSize);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Completions arrive in bursts (a claim's runs finish together): let the rest of the burst in first, so one
            // transaction carries it and claims wait less for the single writer.
            await Task.Yield();
            while (batch.Count < options.CompletionBatchSize && reader.TryRead(out var item)) batch.Add(item);
            await LingerAsync(reader, batch).ConfigureAwait(false);
            await WriteBatch(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>With <see cref="RotaOptions.CompletionLinger"/>: lets completions arriving shortly after the first join
    /// its batch (one commit for a stream of short runs). Real time, like the retries: it paces writes to a server.</summary>
    private async Task LingerAsync(ChannelReader<(RunCompletion Completion, TaskCompletionSource Written)> reader,
        List<(RunCompletion Completion, TaskCompletionSource Written)> batch)
    {
        if (options.CompletionLinger <= TimeSpan.Zero || batch.Count >= options.CompletionBatchSize) return;
        using var linger = new CancellationTokenSource(options.CompletionLinger);
        try
        {
            while (batch.Count < options.CompletionBatchSize && await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                while (batch.Count < options.CompletionBatchSize && reader.TryRead(out var item)) batch.Add(item);
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested) { }
    }

    public async Task RunProgressAsync(TimeProvider time, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try { await _progressSignal.WaitAsync(TimeSpan.FromMinutes(1), time, stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            await FlushProgressAsync().ConfigureAwait(false);
            try { await Task.Delay(TimeSpan.FromMilliseconds(250), time, stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        await FlushProgressAsync().ConfigureAwait(false);
    }

    public async Task FlushProgressAsync()
    {
        List<RunProgressParams> updates;
        lock (_progress)
        {
            if (_progress.Count == 0) return;
            updates = [.. _progress.Values];
            _progress.Clear();
        }
        try { await store.RunProgressMany(updates).ConfigureAwait(false); }
        catch (Exception ex) when (health.Failed(ex, "progress")) { }  // Progress is advisory: the next update replaces it.
        catch (Exception ex) when (ex is not OperationCanceledException) { LogProgressFailed(ex); }
    }

    /// <summary>Stops accepting completions; <see cref="RunAsync"/> ends after writing what is queued.</summary>
    public void Complete()
    {
        Interlocked.CompareExchange(ref _closedAt, System.Diagnostics.Stopwatch.GetTimestamp(), -1);
        _completions.Writer.TryComplete();
    }

    /// <summary>True once the engine is stopping and the store has been down for longer than the shutdown grace.</summary>
    private bool GivenUp
    {
        get
        {
            var closed = Interlocked.Read(ref _closedAt);
            return closed >= 0 && System.Diagnostics.Stopwatch.GetElapsedTime(closed) > options.ShutdownGrace;
        }
    }

    private async Task WriteBatch(List<(RunCompletion Completion, TaskCompletionSource Written)> batch)
    {
        var backoff = new RetryBackoff();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RunCompleteMany(batch.Select(b => b.Completion).ToList()).ConfigureAwait(false);
                health.Succeeded();
                foreach (var b in batch) b.Written.TrySetResult();
                BatchWritten?.Invoke(batch.Exists(b => b.Completion.Status == Runs.RunStatus.Scheduled));
                return;
            }
            catch (Exception ex) when (health.Failed(ex, "completer") && !GivenUp)
            {
                // The store is down: keep the batch and retry until it answers. Real time: this waits for a server,
                // and must also end under a test's fake clock.
                await Task.Delay(backoff.Next(), TimeProvider.System).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < 5 && !StoreHealth.IsOutage(ex))
            {
                LogWriteRetry(ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), TimeProvider.System).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogWriteGaveUp(ex, batch.Count);
                foreach (var b in batch) b.Written.TrySetException(ex);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "completer: writing {Count} completions failed (attempt {Attempt}); retrying")]
    private partial void LogWriteRetry(Exception ex, int count, int attempt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "completer: {Count} completions could not be written and are given up; the rescuer will put their runs back")]
    private partial void LogWriteGaveUp(Exception ex, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "completer: writing progress failed")]
    private partial void LogProgressFailed(Exception ex);
}

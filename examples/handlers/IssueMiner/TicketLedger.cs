namespace Rota.Examples.IssueMiner;

/// <summary>Stands in for the Zendesk tickets and the analysis results of the Product Issue Miner database: the
/// example's handlers record what they "synced" and "analyzed" here (in memory, per process).</summary>
public sealed class TicketLedger
{
    private readonly Lock _gate = new();
    private long _synced;
    private long _analyzed;
    private long _clustered;

    public long Synced { get { lock (_gate) return _synced; } }
    public long Pending { get { lock (_gate) return _synced - _analyzed; } }

    public void AddSynced(int count)
    {
        lock (_gate) _synced += count;
    }

    /// <summary>Marks up to <paramref name="batch"/> unanalyzed tickets analyzed; returns how many.</summary>
    public int TakeForAnalysis(int batch)
    {
        lock (_gate)
        {
            var n = (int)Math.Min(batch, _synced - _analyzed);
            _analyzed += n;
            return n;
        }
    }

    /// <summary>Tickets analyzed since the last clustering pass (each becomes part of a cluster).</summary>
    public long TakeForClustering()
    {
        lock (_gate)
        {
            var n = _analyzed - _clustered;
            _clustered = _analyzed;
            return n;
        }
    }
}

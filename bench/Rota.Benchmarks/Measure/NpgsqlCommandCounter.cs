using System.Diagnostics.Metrics;

namespace Rota.Benchmarks.Measure;

/// <summary>
/// Counts the SQL commands this process sends through Npgsql, whichever system sends them (Rota, Quartz.NET and
/// Hangfire.PostgreSql all use it): one per <c>db.client.operation.duration</c> measurement of the <c>Npgsql</c> meter.
/// Client-side and exact for single statements; a multi-statement batch counts once, and a transaction's BEGIN/COMMIT
/// are not commands.
/// </summary>
internal sealed class NpgsqlCommandCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public NpgsqlCommandCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}

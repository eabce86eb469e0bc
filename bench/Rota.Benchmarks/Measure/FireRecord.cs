namespace Rota.Benchmarks.Measure;

/// <summary>One observed fire: which schedule, its nominal occurrence, and when the handler actually started.</summary>
internal readonly record struct FireRecord(string Key, DateTimeOffset Nominal, DateTimeOffset Actual)
{
    public double LatenessMs => (Actual - Nominal).TotalMilliseconds;
}

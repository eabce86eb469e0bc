namespace Rota.Server.Dashboard.Models;

/// <summary>Finished runs in one bar of a runs chart (an hour or a day, UTC), with its axis label.</summary>
public sealed record ChartBucket(DateTimeOffset Start, string Label, int Succeeded, int Failed);

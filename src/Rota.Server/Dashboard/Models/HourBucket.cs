namespace Rota.Server.Dashboard.Models;

/// <summary>Finished runs in one UTC hour, for the runs-per-hour chart.</summary>
public sealed record HourBucket(DateTimeOffset Start, int Succeeded, int Failed);

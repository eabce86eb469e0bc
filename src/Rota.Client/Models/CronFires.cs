namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/cron/next</c>.</summary>
public sealed record CronFires(string Expression, string TimeZone, string Description, IReadOnlyList<FireInfo> Fires);

namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/cron/explain</c>.</summary>
public sealed record CronExplanation(string Expression, string Description);

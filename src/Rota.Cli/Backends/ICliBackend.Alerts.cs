using Rota.Client.Models;

namespace Rota.Cli.Backends;

/// <summary>The alert commands, answered with the API's shapes so <c>--json</c> prints the same fields locally and remotely.</summary>
public partial interface ICliBackend
{
    Task<AlertOverview> GetAlertsAsync(CancellationToken ct);
    Task<IReadOnlyList<AlertDeliveryInfo>> ListAlertDeliveriesAsync(string? rule, string? channel, string? status, int limit, CancellationToken ct);
    /// <summary>Sends a test message through a channel; locally from this process (ROTA_ALERTS_ALLOW_LOOPBACK applies), remotely from the server.</summary>
    Task<AlertDeliveryInfo> TestAlertChannelAsync(string channel, CancellationToken ct);
}

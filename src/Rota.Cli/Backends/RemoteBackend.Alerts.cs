using Rota.Client.Models;

namespace Rota.Cli.Backends;

public sealed partial class RemoteBackend
{
    public Task<AlertOverview> GetAlertsAsync(CancellationToken ct) => api.GetAlertsAsync(ct);

    public Task<IReadOnlyList<AlertDeliveryInfo>> ListAlertDeliveriesAsync(string? rule, string? channel, string? status, int limit, CancellationToken ct) =>
        api.ListAlertDeliveriesAsync(rule, channel, status, limit, ct);

    public Task<AlertDeliveryInfo> TestAlertChannelAsync(string channel, CancellationToken ct) => api.TestAlertChannelAsync(channel, ct);
}

using Rota.Client.Models;
using TokenView = Rota.Server.Views.TokenView;
using UserView = Rota.Server.Views.UserView;

namespace Rota.Cli.Backends;

public sealed partial class RemoteBackend
{
    public async Task<UserView> CreateUserAsync(string name, string role, string? password, CancellationToken ct)
    {
        var u = await api.CreateUserAsync(name, role, password, ct);
        return new UserView(u.Id, u.Name, u.Role, u.Disabled, u.CreatedAt);
    }

    public async Task<TokenView> CreateTokenAsync(string? user, string name, int? expiresInDays, CancellationToken ct) =>
        View(await api.CreateTokenAsync(new TokenRequest(name, user, ExpiresInDays: expiresInDays), ct));

    public async Task<IReadOnlyList<TokenView>> ListTokensAsync(string? user, CancellationToken ct) =>
        (await api.ListTokensAsync(user, ct)).Select(View).ToList();

    public Task RevokeTokenAsync(long id, CancellationToken ct) => api.RevokeTokenAsync(id, ct);

    private static TokenView View(TokenInfo t) => new(t.Id, t.User, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.Token);
}

using Rota.Server.Auth;
using Rota.Storage;
using TokenView = Rota.Server.Views.TokenView;
using UserView = Rota.Server.Views.UserView;

namespace Rota.Cli.Backends;

public sealed partial class LocalBackend
{
    public async Task<UserView> CreateUserAsync(string name, string role, string? password, CancellationToken ct) =>
        UserView.From(await new UserAccounts(store, time).CreateAsync(name, role, password, ct));

    public async Task<TokenView> CreateTokenAsync(string? user, string name, int? expiresInDays, CancellationToken ct)
    {
        if (user is null) throw new RotaException("cli.missing_user", "token: --user NAME is required without --server (whose token is it?)");
        var row = await store.UserGet(user, ct) ?? throw UserNotFound(user);
        var (token, secret) = await new UserAccounts(store, time).CreateTokenAsync(row, name, expiresInDays is { } d ? time.GetUtcNow().AddDays(d) : null, ct);
        return TokenView.From(token, secret);
    }

    public async Task<IReadOnlyList<TokenView>> ListTokensAsync(string? user, CancellationToken ct)
    {
        long? userId = user is null or "*" ? null : (await store.UserGet(user, ct) ?? throw UserNotFound(user)).Id;
        return (await store.TokenList(new TokenListParams(userId), ct)).Select(t => TokenView.From(t)).ToList();
    }

    public async Task RevokeTokenAsync(long id, CancellationToken ct)
    {
        if (!await store.TokenRevoke(new TokenRevokeParams(id, null, time.GetUtcNow()), ct))
            throw new RotaException("token.not_found", $"token: no active token with id {id} (see 'rota token list')");
    }

    private static RotaException UserNotFound(string name) => new("user.not_found", $"user: no user named '{name}'");
}

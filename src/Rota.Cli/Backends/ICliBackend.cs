using Rota.Cli.Commands;
using TokenView = Rota.Server.Views.TokenView;
using UserView = Rota.Server.Views.UserView;

namespace Rota.Cli.Backends;

/// <summary>Where task, run, node, user, token, source and crawl commands act: the store directly (<see cref="LocalBackend"/>) or a
/// server's API (<see cref="RemoteBackend"/>, with <c>--server</c>). Commands render the results the same way for both.
/// Missing things are <c>*.not_found</c> errors.</summary>
public partial interface ICliBackend : IAsyncDisposable
{
    Task<IReadOnlyList<TaskView>> ListTasksAsync(CancellationToken ct);
    Task<TaskDetail> GetTaskAsync(string name, DateTimeOffset now, CancellationToken ct);
    Task EnableTaskAsync(string name, CancellationToken ct);
    Task DisableTaskAsync(string name, string reason, DateTimeOffset? until, CancellationToken ct);
    Task DeleteTaskAsync(string name, CancellationToken ct);
    Task<QueuedRun> RunTaskAsync(TriggerRequest request, CancellationToken ct);

    Task<RunListView> ListRunsAsync(RunQuery query, CancellationToken ct);
    Task<(RunView Run, IReadOnlyList<AttemptView> Attempts)> GetRunAsync(long id, CancellationToken ct);
    Task<string> GetRunLogsAsync(long id, CancellationToken ct);
    Task<CancelView> CancelRunAsync(long id, string reason, CancellationToken ct);

    Task<IReadOnlyList<NodeView>> ListNodesAsync(DateTimeOffset now, CancellationToken ct);

    Task<UserView> CreateUserAsync(string name, string role, string? password, CancellationToken ct);
    /// <param name="user">Whose token; null means the caller (remote only).</param>
    Task<TokenView> CreateTokenAsync(string? user, string name, int? expiresInDays, CancellationToken ct);
    Task<IReadOnlyList<TokenView>> ListTokensAsync(string? user, CancellationToken ct);
    Task RevokeTokenAsync(long id, CancellationToken ct);
}

using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>The runs list, newest first, without logs (<see cref="RunListStatement"/>: the API's hottest read).</summary>
    public Task<IReadOnlyList<RunRecord>> RunList(RunListParams p, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var reader = _readers.Rent();
        try
        {
            IReadOnlyList<RunRecord> runs = reader.RunList(p.TaskName is null ? "RunList" : "RunListByTask").Read(p,
                p.Status is { } s ? TextNames.Of(s) : null, p.Trigger is { } t ? TextNames.Of(t) : null, Math.Clamp(p.Limit, 1, 10_000));
            return Task.FromResult(runs);
        }
        finally
        {
            _readers.Return(reader);
        }
    }
}

using System.Globalization;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Execution;

/// <summary>
/// Fan-in (<c>depends_all</c>) for runs without an occurrence — manual and API runs, and the dependency runs they
/// trigger. Such runs join each other, never scheduled ones: the fan-in fires when every upstream has a finished
/// no-occurrence run meeting its condition that it did not use yet, and that ended since the downstream last fired this
/// way (the "window"). The run it starts has key <c>dep:manual:&lt;joined run ids&gt;</c>, so nodes seeing the same
/// completions insert it once. Scheduled runs keep joining by occurrence (<c>dep:&lt;nominal&gt;</c>); as the two
/// paths never share an upstream run, neither can make the other fire twice.
/// </summary>
internal sealed class ManualFanIn(IRotaStore store)
{
    public const string KeyPrefix = "dep:manual:";
    private const int Page = 200;
    /// <summary>How far back (in dependency runs of the downstream task) the previous manual fan-in is looked for.</summary>
    private const int MaxPages = 10;

    /// <summary>The idempotency key of the fan-in run to start, or null while some upstream has no fresh run.</summary>
    public async Task<string?> JoinKeyAsync(TaskRow downstream, CancellationToken ct)
    {
        var previous = await PreviousAsync(downstream.Name, ct).ConfigureAwait(false);
        var used = previous?.IdempotencyKey is { } key ? RunIds(key) : [];
        var joined = new List<long>();
        foreach (var dep in downstream.Definition.DependsOn)
        {
            var runs = await store.RunList(new RunListParams { TaskName = dep.Task, Limit = Page }, ct).ConfigureAwait(false);
            var fresh = runs.Where(r => r.NominalTime is null && r.Status.IsTerminal() && dep.IsMetBy(r.Status) && r.EndedAt is { } end
                    && (previous is null || end >= previous.CreatedAt) && !used.Contains(r.Id))
                .OrderByDescending(r => r.EndedAt).ThenByDescending(r => r.Id).FirstOrDefault();
            if (fresh is null) return null;
            joined.Add(fresh.Id);
        }
        return KeyPrefix + string.Join('+', joined.Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The downstream's newest run started by a manual fan-in.</summary>
    private async Task<RunRecord?> PreviousAsync(string task, CancellationToken ct)
    {
        long? before = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var runs = await store.RunList(new RunListParams { TaskName = task, Trigger = RunTrigger.Dependency, BeforeId = before, Limit = Page }, ct).ConfigureAwait(false);
            if (runs.FirstOrDefault(r => r.IdempotencyKey?.StartsWith(KeyPrefix, StringComparison.Ordinal) == true) is { } hit) return hit;
            if (runs.Count < Page) return null;
            before = runs[^1].Id;
        }
        return null;
    }

    private static HashSet<long> RunIds(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        ? key[KeyPrefix.Length..].Split('+').Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet()
        : [];
}

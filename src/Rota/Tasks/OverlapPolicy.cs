namespace Rota.Tasks;

/// <summary>What happens when an occurrence fires while an earlier run of the same task is still active.</summary>
public enum OverlapKind
{
    /// <summary>Record the new occurrence as skipped(overlap). The default.</summary>
    Skip,
    /// <summary>Keep at most one waiting run behind the running one; further occurrences are skipped.</summary>
    BufferOne,
    /// <summary>Queue every occurrence (up to 100 waiting) and run them one after another.</summary>
    BufferAll,
    /// <summary>Cancel the running run cooperatively, then start the new one.</summary>
    CancelOther,
    /// <summary>Cancel the running run; if it has not stopped after the grace period it is marked abandoned.</summary>
    TerminateOther,
    /// <summary>Run concurrently, up to <see cref="OverlapPolicy.MaxConcurrent"/> (0 = unlimited).</summary>
    AllowAll,
}

/// <param name="Kind">The policy; default <see cref="OverlapKind.Skip"/>.</param>
/// <param name="MaxConcurrent">For <see cref="OverlapKind.AllowAll"/>: the cap (0 = unlimited).</param>
public sealed record OverlapPolicy(OverlapKind Kind = OverlapKind.Skip, int MaxConcurrent = 0)
{
    public static OverlapPolicy Default { get; } = new();

    /// <summary>Maximum runs of the task executing at once (0 = unlimited).</summary>
    public int ConcurrencyLimit => Kind == OverlapKind.AllowAll ? MaxConcurrent : 1;

    /// <summary>The most runs that may wait behind the running ones.</summary>
    public int BufferLimit => Kind switch
    {
        OverlapKind.Skip => 0,
        OverlapKind.BufferOne => 1,
        OverlapKind.BufferAll => 100,
        OverlapKind.AllowAll => 0,
        _ => 1,
    };

    public override string ToString() => Kind switch
    {
        OverlapKind.AllowAll when MaxConcurrent > 0 => $"allow_all({MaxConcurrent})",
        _ => TextNames.ToSnake(Kind.ToString()),
    };
}

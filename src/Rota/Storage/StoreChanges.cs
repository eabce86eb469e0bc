namespace Rota.Storage;

/// <summary>What another process committed, as pushed by an <see cref="IStoreNotifier"/>.</summary>
[Flags]
public enum StoreChanges
{
    None = 0,
    /// <summary>Runs were inserted or put back (a dispatcher should claim).</summary>
    Runs = 1,
    /// <summary>Schedules or tasks changed (a scheduler should recompute its next fire).</summary>
    Schedules = 2,
    All = Runs | Schedules,
}

namespace Rota.Storage;

/// <summary>Takes the maintenance leadership when it is free or its lease expired before <c>Now</c>, or renews it
/// when <c>Node</c> holds it; either way the lease then runs to <c>LeaseUntil</c>.</summary>
public sealed record LeaderAcquireParams(string Node, DateTimeOffset Now, DateTimeOffset LeaseUntil);

/// <summary>Gives the leadership up when <c>Node</c> holds it: no holder, lease ended at <c>Now</c>; the next
/// <see cref="LeaderAcquireParams"/> call by any node wins a new term.</summary>
public sealed record LeaderReleaseParams(string Node, DateTimeOffset Now);

/// <summary>The leadership as the store has it. <c>IsLeader</c> answers for the node that asked; <c>Term</c> grows
/// by one each time the leadership changes hands and stays when the holder renews. <c>Holder</c> is null when no
/// node ever held it.</summary>
public sealed record LeaderState(bool IsLeader, long Term, string? Holder, DateTimeOffset LeaseUntil);

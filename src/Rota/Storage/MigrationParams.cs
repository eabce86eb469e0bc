namespace Rota.Storage;

public sealed record MigrationState(int Version, string Name, bool Applied, DateTimeOffset? AppliedAt);

public sealed record MigrationUpParams(DateTimeOffset Now, int? Target = null);

public sealed record MigrationDownParams(int Target);

namespace Rota.Tasks;

/// <summary>How much run history a task keeps. Defaults: 100 succeeded, 100 failed, 60 days.</summary>
public sealed record RetentionPolicy(int KeepSucceeded = 100, int KeepFailed = 100, TimeSpan? MaxAge = null)
{
    public static RetentionPolicy Default { get; } = new();

    public TimeSpan EffectiveMaxAge => MaxAge ?? TimeSpan.FromDays(60);
}

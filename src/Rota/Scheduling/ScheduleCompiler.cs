namespace Rota.Scheduling;

/// <summary>Validates and compiles schedule definitions. Errors are <see cref="RotaException"/>s with codes
/// <c>cron.invalid_field</c>, <c>cron.never_fires</c>, <c>schedule.bad_time_zone</c>, <c>schedule.invalid</c>.</summary>
public static class ScheduleCompiler
{
    /// <param name="hashKey">Seed of <c>H</c> fields and jitter: the task name.</param>
    public static CompiledSchedule Compile(ScheduleDefinition definition, string hashKey) => throw new NotImplementedException();
}

using Rota.Scheduling;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Reads one schedule (or the shorthand on a task) and validates it with the real schedule compiler.</summary>
internal static class ScheduleConfigReader
{
    public static readonly string[] TriggerKeys = ["cron", "every", "phase", "after_completion", "at", "time_zone", "jitter"];
    public static readonly string[] Keys = [.. TriggerKeys, "name", "start_at", "end_at", "max_runs", "exclude_dates", "parameters", "enabled"];

    public static ScheduleDefinition? Read(ConfigReader r, YamlMappingNode m, string path, string taskName, string defaultName)
    {
        var specs = new List<TriggerSpec>();
        foreach (var cron in r.Strings(r.Get(m, "cron"), path + ".cron")) specs.Add(TriggerSpec.ForCron(cron));
        if (r.Duration(r.Get(m, "every"), path + ".every", positive: true) is { } every)
            specs.Add(TriggerSpec.ForEvery(every, r.Duration(r.Get(m, "phase"), path + ".phase")));
        if (r.Duration(r.Get(m, "after_completion"), path + ".after_completion", positive: true) is { } delay)
            specs.Add(TriggerSpec.ForAfterCompletion(delay));
        if (r.Instant(r.Get(m, "at"), path + ".at") is { } once) specs.Add(TriggerSpec.ForAt(once));
        if (specs.Count == 0)
        {
            r.Error(path, m, "a schedule needs cron, every, after_completion or at");
            return null;
        }
        var zoneNode = r.Get(m, "time_zone");
        var def = new ScheduleDefinition
        {
            Name = r.String(r.Get(m, "name"), path + ".name") ?? defaultName,
            Specs = specs,
            TimeZone = r.String(zoneNode, path + ".time_zone") ?? "UTC",
            Jitter = r.Duration(r.Get(m, "jitter"), path + ".jitter"),
            StartAt = r.Instant(r.Get(m, "start_at"), path + ".start_at"),
            EndAt = r.Instant(r.Get(m, "end_at"), path + ".end_at"),
            MaxRuns = r.Int(r.Get(m, "max_runs"), path + ".max_runs", 1),
            ExcludedDates = r.Strings(r.Get(m, "exclude_dates"), path + ".exclude_dates").Select((d, i) =>
            {
                if (DateOnly.TryParseExact(d, "yyyy-MM-dd", out var date)) return (DateOnly?)date;
                r.Error($"{path}.exclude_dates[{i}]", null, "expected a date like 2026-12-25", d);
                return null;
            }).OfType<DateOnly>().ToList(),
            Parameters = r.Object(r.Get(m, "parameters"), path + ".parameters"),
            Enabled = r.Bool(r.Get(m, "enabled"), path + ".enabled") ?? true,
        };
        try
        {
            ScheduleCompiler.Compile(def, taskName);
        }
        catch (RotaException ex)
        {
            var at = ex.Code.StartsWith("cron.", StringComparison.Ordinal) ? path + ".cron"
                : ex.Code == "schedule.bad_time_zone" ? path + ".time_zone" : path;
            var value = ex.Code.StartsWith("cron.", StringComparison.Ordinal) ? string.Join(" | ", specs.Where(s => s.Cron is not null).Select(s => s.Cron))
                : ex.Code == "schedule.bad_time_zone" ? def.TimeZone : null;
            r.Errors.Add(new ConfigError(at, value, $"{ex.Message} [{ex.Code}]"));
            return null;
        }
        return def;
    }
}

using Rota.Scheduling;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Reads one schedule (or the shorthand on a task) and validates it with the real schedule compiler.</summary>
internal static class ScheduleConfigReader
{
    public static readonly string[] TriggerKeys = ["cron", "every", "phase", "after_completion", "at", "time_zone", "jitter"];
    public static readonly string[] Keys = [.. TriggerKeys, "name", "start_at", "end_at", "max_runs", "exclude_dates", "parameters", "enabled"];

    /// <param name="place">Where whole-schedule errors point; the task for the shorthand, whose mapping is built in code.</param>
    public static ScheduleDefinition? Read(ConfigReader r, YamlMappingNode m, string path, string taskName, string defaultName, YamlNode? place = null)
    {
        place ??= m;
        var before = r.Errors.Count;
        var cronNode = r.Get(m, "cron");
        var crons = r.Strings(cronNode, path + ".cron");
        var specs = crons.Select(TriggerSpec.ForCron).ToList();
        var every = r.Duration(r.Get(m, "every"), path + ".every", positive: true);
        var phaseNode = r.Get(m, "phase");
        var phase = r.Duration(phaseNode, path + ".phase");
        if (phaseNode is not null && r.Get(m, "every") is null)
            r.Error(path + ".phase", phaseNode, "phase only shifts an 'every' interval; add 'every:' or remove 'phase'");
        else if (every is { } e && phase is { } ph && ph >= e)
            r.Error(path + ".phase", phaseNode, $"phase must be shorter than every ({DurationText.Format(e)})");
        if (every is { } interval) specs.Add(TriggerSpec.ForEvery(interval, phase));
        if (r.Duration(r.Get(m, "after_completion"), path + ".after_completion", positive: true) is { } delay)
            specs.Add(TriggerSpec.ForAfterCompletion(delay));
        if (r.Instant(r.Get(m, "at"), path + ".at") is { } once) specs.Add(TriggerSpec.ForAt(once));
        if (specs.Count == 0)
        {
            if (r.Errors.Count == before) r.Missing(path, place, "a schedule needs cron, every, after_completion or at");
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
            ExcludedDates = ExcludedDates(r, r.Get(m, "exclude_dates"), path + ".exclude_dates"),
            Parameters = r.Object(r.Get(m, "parameters"), path + ".parameters"),
            Enabled = r.Bool(r.Get(m, "enabled"), path + ".enabled") ?? true,
        };
        if (r.Errors.Count > before) return null;
        return Compiles(r, def, taskName, place, path, zoneNode, cronNode) ? def : null;
    }

    /// <summary>Runs the engine's compiler; its error is placed on the key that caused it (each bad cron on its own).</summary>
    private static bool Compiles(ConfigReader r, ScheduleDefinition def, string taskName, YamlNode m, string path, YamlNode? zoneNode, YamlNode? cronNode)
    {
        if (Try(def, taskName) is not { } ex) return true;
        if (ex.Code == "schedule.bad_time_zone")
        {
            r.Error(path + ".time_zone", zoneNode, $"{ex.Message} [{ex.Code}]", def.TimeZone);
            return false;
        }
        var reported = false;
        var crons = def.Specs.Where(s => s.Cron is not null).ToList();
        for (var i = 0; i < crons.Count; i++)
        {
            if (Try(def with { Specs = [crons[i]] }, taskName) is not { } cronError) continue;
            var node = cronNode is YamlSequenceNode seq ? seq.Children[i] : cronNode;
            r.Error(cronNode is YamlSequenceNode ? $"{path}.cron[{i}]" : path + ".cron", node, $"{cronError.Message} [{cronError.Code}]", crons[i].Cron);
            reported = true;
        }
        if (!reported) r.Missing(path, m, $"{ex.Message} [{ex.Code}]");
        return false;
    }

    private static RotaException? Try(ScheduleDefinition def, string taskName)
    {
        try
        {
            ScheduleCompiler.Compile(def, taskName);
            return null;
        }
        catch (RotaException ex)
        {
            return ex;
        }
    }

    private static List<DateOnly> ExcludedDates(ConfigReader r, YamlNode? node, string path)
    {
        var result = new List<DateOnly>();
        var texts = r.Strings(node, path);
        for (var i = 0; i < texts.Count; i++)
        {
            if (DateOnly.TryParseExact(texts[i], "yyyy-MM-dd", out var date)) result.Add(date);
            else r.Error(node is YamlSequenceNode ? $"{path}[{i}]" : path, node is YamlSequenceNode s ? s.Children[i] : node,
                "expected a date like 2026-12-25", texts[i]);
        }
        return result;
    }
}

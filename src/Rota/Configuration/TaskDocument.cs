using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Scheduling;
using Rota.Tasks;

namespace Rota.Configuration;

/// <summary>A task definition written back as the document rota.yaml and <c>PUT /api/v1/tasks/{name}</c> accept:
/// <see cref="ConfigLoader.ParseTask"/> of the result gives the same definition (origin aside; a pause's end time is
/// runtime state and not part of it). Defaults are left out so the document reads like a hand-written one.</summary>
public static class TaskDocument
{
    public static JsonObject From(TaskDefinition d, IEnumerable<ScheduleDefinition> schedules)
    {
        var doc = new JsonObject { ["name"] = d.Name, ["handler"] = d.Handler };
        if (d.Description is { } description) doc["description"] = description;
        if (d.Owner is { } owner) doc["owner"] = owner;
        if (d.Parameters.Count > 0) doc["parameters"] = d.Parameters.DeepClone();
        doc["queue"] = d.Queue;
        if (d.Priority != 0) doc["priority"] = d.Priority;
        if (d.Timeout is { } timeout) doc["timeout"] = Duration(timeout);
        if (Retry(d.Retry) is { } retry) doc["retry"] = retry;
        if (d.Overlap != OverlapPolicy.Default) doc["overlap"] = d.Overlap.ToString();
        if (d.TerminateGrace is { } grace) doc["terminate_grace"] = Duration(grace);
        if (Misfire(d.Misfire) is { } misfire) doc["misfire"] = misfire;
        if (d.MinSpacing is { } spacing) doc["min_spacing"] = Duration(spacing);
        if (Retention(d.Retention) is { } retention) doc["retention"] = retention;
        if (d.PauseAfterFailures is { } pause) doc["pause_after_failures"] = pause;
        doc["enabled"] = d.Enabled;
        if (!d.Enabled && d.PausedReason is { } reason) doc["paused_reason"] = reason;
        if (d.Tags.Count > 0) doc["tags"] = new JsonArray([.. d.Tags.Select(t => (JsonNode)t)]);
        doc["schedules"] = new JsonArray([.. schedules.Select(s => (JsonNode)Schedule(s))]);
        if (d.DependsOn.Count > 0)
            doc["depends_on"] = new JsonArray([.. d.DependsOn.Select(x => (JsonNode)new JsonObject { ["task"] = x.Task, ["on"] = TextNames.Of(x.On) })]);
        if (d.DependsAll) doc["depends_all"] = true;
        return doc;
    }

    public static JsonObject Schedule(ScheduleDefinition s)
    {
        var doc = new JsonObject { ["name"] = s.Name };
        var crons = s.Specs.Where(x => x.Kind == TriggerKind.Cron).Select(x => x.Cron!).ToList();
        if (crons.Count == 1) doc["cron"] = crons[0];
        else if (crons.Count > 1) doc["cron"] = new JsonArray([.. crons.Select(c => (JsonNode)c)]);
        foreach (var spec in s.Specs)
            switch (spec.Kind)
            {
                case TriggerKind.Every:
                    doc["every"] = Duration(spec.Interval!.Value);
                    if (spec.Phase is { } phase && phase != TimeSpan.Zero) doc["phase"] = Duration(phase);
                    break;
                case TriggerKind.AfterCompletion: doc["after_completion"] = Duration(spec.Interval!.Value); break;
                case TriggerKind.At: doc["at"] = Instant(spec.At!.Value); break;
            }
        doc["time_zone"] = s.TimeZone;
        if (s.Jitter is { } jitter) doc["jitter"] = Duration(jitter);
        if (s.StartAt is { } start) doc["start_at"] = Instant(start);
        if (s.EndAt is { } end) doc["end_at"] = Instant(end);
        if (s.MaxRuns is { } max) doc["max_runs"] = max;
        if (s.ExcludedDates.Count > 0)
            doc["exclude_dates"] = new JsonArray([.. s.ExcludedDates.Select(x => (JsonNode)x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        if (s.Parameters is { } parameters) doc["parameters"] = parameters.DeepClone();
        if (!s.Enabled) doc["enabled"] = false;
        return doc;
    }

    /// <summary>The short form (<c>1h30m</c>) when it reads back exactly, else <c>d.hh:mm:ss.fffffff</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        var text = DurationText.Format(value);
        return DurationText.TryParse(text, out var back) && back == value ? text : value.ToString("c", CultureInfo.InvariantCulture);
    }

    public static string Instant(DateTimeOffset value) => value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0
        ? "yyyy-MM-ddTHH:mm:sszzz" : "O", CultureInfo.InvariantCulture);

    private static JsonObject? Retry(RetryPolicy r)
    {
        if (r == RetryPolicy.Default) return null;
        var d = RetryPolicy.Default;
        var doc = new JsonObject { ["attempts"] = r.MaxAttempts };
        if (r.BaseDelay is { } backoff) doc["backoff"] = Duration(backoff);
        if (r.Factor != d.Factor) doc["factor"] = r.Factor;
        if (r.MaxDelay is { } max) doc["max_backoff"] = Duration(max);
        if (r.Jitter != d.Jitter) doc["jitter"] = r.Jitter;
        if (r.RetryPermanentErrors) doc["retry_permanent"] = true;
        return doc;
    }

    private static JsonNode? Misfire(MisfirePolicy m)
    {
        if (m == MisfirePolicy.Default) return null;
        if (m with { Kind = MisfireKind.Coalesce } == MisfirePolicy.Default) return TextNames.Of(m.Kind);
        var doc = new JsonObject { ["policy"] = TextNames.Of(m.Kind) };
        if (m.MaxCatchup != MisfirePolicy.Default.MaxCatchup) doc["max_catchup"] = m.MaxCatchup;
        if (m.CatchupWindow is { } window) doc["catchup_window"] = Duration(window);
        if (m.Grace is { } grace) doc["grace"] = Duration(grace);
        return doc;
    }

    private static JsonObject? Retention(RetentionPolicy r)
    {
        if (r == RetentionPolicy.Default) return null;
        var doc = new JsonObject();
        if (r.KeepSucceeded != RetentionPolicy.Default.KeepSucceeded) doc["keep_succeeded"] = r.KeepSucceeded;
        if (r.KeepFailed != RetentionPolicy.Default.KeepFailed) doc["keep_failed"] = r.KeepFailed;
        if (r.MaxAge is { } age) doc["max_age"] = Duration(age);
        return doc;
    }
}

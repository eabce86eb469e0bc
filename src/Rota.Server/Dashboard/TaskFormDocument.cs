using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Configuration;
using Rota.Scheduling;
using Rota.Server.Dashboard.Models;
using Rota.Tasks;

namespace Rota.Server.Dashboard;

/// <summary>Between the task form and the task document of the API and rota.yaml. Values go into the document as the
/// text that was typed, so the configuration reader judges them (same messages, same paths as the API); only what JSON
/// cannot carry (a parameters object that is not JSON) is checked here.</summary>
public static class TaskFormDocument
{
    public static readonly string[] ScheduleKinds = ["cron", "every", "after_completion", "at"];
    public static readonly string[] OverlapKinds = ["skip", "buffer_one", "buffer_all", "cancel_other", "terminate_other", "allow_all"];
    public static readonly string[] MisfireKinds = ["coalesce", "all", "skip"];
    public static readonly string[] DependencyConditions = ["succeeded", "failed", "finished"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The form showing a stored task with every schedule and policy; saved unchanged it gives the same definition.</summary>
    public static TaskFormModel FromDefinition(TaskDefinition d, IEnumerable<ScheduleDefinition> schedules) => new()
    {
        Name = d.Name, Handler = d.Handler, Description = d.Description, Owner = d.Owner,
        Schedules = [.. schedules.Select(FromSchedule)],
        Parameters = Json(d.Parameters), Queue = d.Queue, Priority = Int(d.Priority), Timeout = Duration(d.Timeout),
        Attempts = Int(d.Retry.MaxAttempts), Backoff = Duration(d.Retry.BaseDelay), Factor = d.Retry.Factor.ToString(CultureInfo.InvariantCulture),
        MaxBackoff = Duration(d.Retry.MaxDelay), Jitter = d.Retry.Jitter, RetryPermanent = d.Retry.RetryPermanentErrors,
        Overlap = TextNames.Of(d.Overlap.Kind), MaxConcurrent = d.Overlap is { Kind: OverlapKind.AllowAll, MaxConcurrent: > 0 } o ? Int(o.MaxConcurrent) : "",
        TerminateGrace = Duration(d.TerminateGrace),
        Misfire = TextNames.Of(d.Misfire.Kind), MaxCatchup = Int(d.Misfire.MaxCatchup), CatchupWindow = Duration(d.Misfire.CatchupWindow),
        MisfireGrace = Duration(d.Misfire.Grace), MinSpacing = Duration(d.MinSpacing),
        KeepSucceeded = Int(d.Retention.KeepSucceeded), KeepFailed = Int(d.Retention.KeepFailed), MaxAge = Duration(d.Retention.MaxAge),
        PauseAfterFailures = d.PauseAfterFailures is { } p ? Int(p) : "",
        Dependencies = [.. d.DependsOn.Select(x => new DependencyFormRow { Task = x.Task, On = TextNames.Of(x.On) })],
        DependsAll = d.DependsAll, Tags = string.Join(", ", d.Tags), Enabled = d.Enabled, PausedReason = d.Enabled ? null : d.PausedReason,
    };

    public static ScheduleFormRow FromSchedule(ScheduleDefinition s)
    {
        var kinds = s.Specs.Select(x => x.Kind).Distinct().ToList();
        var every = s.Specs.FirstOrDefault(x => x.Kind == TriggerKind.Every);
        return new ScheduleFormRow
        {
            Name = s.Name,
            Kind = kinds.Count == 1 ? TextNames.Of(kinds[0]) : "several",
            Cron = string.Join("; ", s.Specs.Where(x => x.Kind == TriggerKind.Cron).Select(x => x.Cron)),
            TimeZone = s.TimeZone,
            Every = Duration(every?.Interval),
            Phase = every?.Phase is { } phase && phase != TimeSpan.Zero ? Duration(phase) : "",
            AfterCompletion = Duration(s.Specs.FirstOrDefault(x => x.Kind == TriggerKind.AfterCompletion)?.Interval),
            At = s.Specs.FirstOrDefault(x => x.Kind == TriggerKind.At)?.At is { } at ? TaskDocument.Instant(at) : "",
            Jitter = Duration(s.Jitter),
            StartAt = s.StartAt is { } start ? TaskDocument.Instant(start) : "",
            EndAt = s.EndAt is { } end ? TaskDocument.Instant(end) : "",
            MaxRuns = s.MaxRuns is { } max ? Int(max) : "",
            ExcludeDates = string.Join(", ", s.ExcludedDates.Select(x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            Parameters = s.Parameters is { } parameters ? parameters.ToJsonString(Indented) : "",
            Enabled = s.Enabled,
        };
    }

    /// <summary>The form as the API's task document; problems the JSON cannot even express are added to <paramref name="errors"/>.</summary>
    public static JsonObject ToDocument(TaskFormModel m, List<FieldError> errors)
    {
        var doc = new JsonObject { ["name"] = Trim(m.Name) ?? "", ["handler"] = Trim(m.Handler) ?? "" };
        Put(doc, "description", m.Description);
        Put(doc, "owner", m.Owner);
        if (ObjectOf(m.Parameters, "parameters", errors) is { } parameters) doc["parameters"] = parameters;
        Put(doc, "queue", m.Queue);
        Put(doc, "priority", m.Priority);
        Put(doc, "timeout", m.Timeout);
        var retry = new JsonObject();
        Put(retry, "attempts", m.Attempts);
        Put(retry, "backoff", m.Backoff);
        Put(retry, "factor", m.Factor);
        Put(retry, "max_backoff", m.MaxBackoff);
        retry["jitter"] = m.Jitter;
        retry["retry_permanent"] = m.RetryPermanent;
        doc["retry"] = retry;
        if (Trim(m.Overlap) is { } overlap)
            doc["overlap"] = overlap == "allow_all" && Trim(m.MaxConcurrent) is { } max ? $"allow_all({max})" : overlap;
        Put(doc, "terminate_grace", m.TerminateGrace);
        var misfire = new JsonObject();
        Put(misfire, "policy", m.Misfire);
        Put(misfire, "max_catchup", m.MaxCatchup);
        Put(misfire, "catchup_window", m.CatchupWindow);
        Put(misfire, "grace", m.MisfireGrace);
        if (misfire.Count > 0) doc["misfire"] = misfire;
        Put(doc, "min_spacing", m.MinSpacing);
        var retention = new JsonObject();
        Put(retention, "keep_succeeded", m.KeepSucceeded);
        Put(retention, "keep_failed", m.KeepFailed);
        Put(retention, "max_age", m.MaxAge);
        if (retention.Count > 0) doc["retention"] = retention;
        Put(doc, "pause_after_failures", m.PauseAfterFailures);
        doc["enabled"] = m.Enabled;
        if (!m.Enabled) Put(doc, "paused_reason", m.PausedReason);
        var tags = (m.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tags.Length > 0) doc["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        doc["schedules"] = new JsonArray([.. m.Schedules.Select((s, i) => (JsonNode)Schedule(s, $"schedules[{i}]", errors))]);
        var dependencies = m.Dependencies.Where(d => Trim(d.Task) is not null).ToList();
        if (dependencies.Count > 0)
            doc["depends_on"] = new JsonArray([.. dependencies.Select(d => (JsonNode)new JsonObject { ["task"] = d.Task!.Trim(), ["on"] = Trim(d.On) ?? "succeeded" })]);
        if (m.DependsAll) doc["depends_all"] = true;
        return doc;
    }

    /// <summary>One schedule row as the document's schedule entry.</summary>
    public static JsonObject Schedule(ScheduleFormRow s, string path, List<FieldError> errors)
    {
        var doc = new JsonObject();
        Put(doc, "name", s.Name);
        var kind = Trim(s.Kind) ?? "cron";
        bool Writes(string k) => kind == k || kind == "several";
        if (Writes("cron") && Trim(s.Cron) is { } cronText)
        {
            var crons = cronText.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            doc["cron"] = crons.Length == 1 ? crons[0] : new JsonArray([.. crons.Select(c => (JsonNode)c)]);
        }
        if (Writes("every"))
        {
            Put(doc, "every", s.Every);
            Put(doc, "phase", s.Phase);
        }
        if (Writes("after_completion")) Put(doc, "after_completion", s.AfterCompletion);
        if (Writes("at")) Put(doc, "at", s.At);
        doc["time_zone"] = Trim(s.TimeZone) ?? "UTC";
        Put(doc, "jitter", s.Jitter);
        Put(doc, "start_at", s.StartAt);
        Put(doc, "end_at", s.EndAt);
        Put(doc, "max_runs", s.MaxRuns);
        var dates = (s.ExcludeDates ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dates.Length > 0) doc["exclude_dates"] = new JsonArray([.. dates.Select(x => (JsonNode)x)]);
        if (ObjectOf(s.Parameters, path + ".parameters", errors) is { } parameters) doc["parameters"] = parameters;
        if (!s.Enabled) doc["enabled"] = false;
        return doc;
    }

    /// <summary>The form field an error path points at: the document path, with a list item of a cron list or of an
    /// exclusion calendar, a nested parameter, or a retry/misfire policy name folded into the field that holds it.</summary>
    public static string? FieldOf(string path)
    {
        var p = path.TrimStart('.');
        if (p.Length == 0) return null;
        p = System.Text.RegularExpressions.Regex.Replace(p, @"^(schedules\[\d+\]\.(cron|exclude_dates))\[\d+\]$", "$1");
        p = System.Text.RegularExpressions.Regex.Replace(p, @"^(depends_on\[\d+\])$", "$1.task");
        if (p.StartsWith("parameters", StringComparison.Ordinal)) return "parameters";
        var sp = System.Text.RegularExpressions.Regex.Match(p, @"^(schedules\[\d+\]\.parameters)");
        if (sp.Success) return sp.Groups[1].Value;
        return p switch { "misfire.policy" => "misfire", "cron" or "every" or "time_zone" => "schedules[0]." + p, _ => p };
    }

    private static JsonObject? ObjectOf(string? text, string field, List<FieldError> errors)
    {
        if (Trim(text) is not { } json) return null;
        try
        {
            if (JsonNode.Parse(json) is JsonObject o) return o;
            errors.Add(new FieldError(field, "Parameters must be a JSON object, like {\"url\": \"https://…\"}."));
        }
        catch (JsonException ex)
        {
            errors.Add(new FieldError(field, "Parameters are not valid JSON: " + ex.Message));
        }
        return null;
    }

    private static void Put(JsonObject doc, string key, string? value)
    {
        if (Trim(value) is { } v) doc[key] = v;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Json(JsonObject o) => o.Count == 0 ? "" : o.ToJsonString(Indented);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan? value) => value is { } v ? TaskDocument.Duration(v) : "";
}

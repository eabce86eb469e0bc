using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>The builder's form field names and element ids, and reading a posted form back into a
/// <see cref="PipelineBuilderForm"/>. The hidden <c>b.step</c> inputs, one per card in page order, give the step order —
/// so a card moved in the page (drag and drop) posts in its new place without renumbering any field.</summary>
public static partial class PipelineBuilderFields
{
    public const string StepOrder = "b.step", ScheduleOrder = "b.schedule";

    public static string StepField(string key, string field) => $"b.step.{key}.{field}";
    public static string Schedule(string key, string field) => $"b.schedule.{key}.{field}";
    /// <summary>The element id of a step field (<c>step-s3-when</c>); errors go to <c>…-error</c>.</summary>
    public static string StepId(string key, string field) => $"step-{key}-{field}";
    public static string ScheduleId(string key, string field) => $"schedule-{key}-{field}";

    /// <summary>True when the form holds the builder's fields (a post from the builder tab, or its live preview).</summary>
    public static bool IsBuilder(IFormCollection form) => form.ContainsKey("b.name");

    public static PipelineBuilderForm Read(IFormCollection form)
    {
        string S(string name) => form[name].ToString();
        bool B(string name) => form[name].Any(v => v == "true");
        var model = new PipelineBuilderForm
        {
            Name = S("b.name").Trim(),
            Description = S("b.description"),
            Owner = S("b.owner").Trim(),
            Enabled = B("b.enabled"),
            NextKey = int.TryParse(S("b.next_key"), NumberStyles.None, CultureInfo.InvariantCulture, out var next) ? Math.Clamp(next, 1, 100_000) : 1,
        };
        foreach (var key in Keys(form, ScheduleOrder))
            model.Schedules.Add(new BuilderSchedule
            {
                Key = key,
                Name = S(Schedule(key, "name")).Trim(),
                Kind = S(Schedule(key, "kind")) == BuilderSchedule.Every ? BuilderSchedule.Every : BuilderSchedule.Cron,
                Value = S(Schedule(key, "value")).Trim(),
                TimeZone = S(Schedule(key, "time_zone")).Trim(),
                Enabled = B(Schedule(key, "enabled")),
            });
        foreach (var key in Keys(form, StepOrder))
        {
            string F(string field) => S(StepField(key, field));
            var names = form[StepField(key, "param_key")];
            var values = form[StepField(key, "param_value")];
            var types = form[StepField(key, "param_type")];
            model.Steps.Add(new BuilderStep
            {
                Key = key,
                Name = F("name").Trim(),
                Target = F("target") == BuilderStep.TaskTarget ? BuilderStep.TaskTarget : BuilderStep.HandlerTarget,
                Task = F("task").Trim(),
                Handler = F("handler").Trim(),
                Parameters = [.. Enumerable.Range(0, names.Count).Select(i => new BuilderParameter
                {
                    Key = names[i]?.Trim() ?? "",
                    Value = i < values.Count ? values[i] ?? "" : "",
                    Type = i < types.Count && types[i] == BuilderParameter.Json ? BuilderParameter.Json : BuilderParameter.Text,
                })],
                Timeout = F("timeout").Trim(),
                RetryAttempts = F("retry_attempts").Trim(),
                RetryBackoff = F("retry_backoff").Trim(),
                RetryFactor = F("retry_factor").Trim(),
                RetryMaxBackoff = F("retry_max_backoff").Trim(),
                RetryJitter = F("retry_jitter") is "true" or "false" ? F("retry_jitter") : "",
                RetryPermanent = B(StepField(key, "retry_permanent")),
                ContinueOnFailure = B(StepField(key, "continue")),
                AfterMode = F("after_mode") == BuilderStep.AfterChosen ? BuilderStep.AfterChosen : BuilderStep.AfterPrevious,
                After = [.. form[StepField(key, "after")].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal)],
                When = F("when").Trim(),
            });
        }
        // Keys come from the page; a forged or stale one must not collide with a new card.
        foreach (var key in model.Steps.Select(s => s.Key).Concat(model.Schedules.Select(s => s.Key)))
            if (int.TryParse(key[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= model.NextKey) model.NextKey = n + 1;
        return model;
    }

    /// <summary>The card keys in page order: well-formed, each once, at most 200.</summary>
    private static IEnumerable<string> Keys(IFormCollection form, string order) =>
        form[order].Where(k => k is not null && KeyPattern().IsMatch(k)).Select(k => k!).Distinct(StringComparer.Ordinal).Take(200);

    [GeneratedRegex("^[a-z][0-9]{1,6}$")]
    private static partial Regex KeyPattern();
}

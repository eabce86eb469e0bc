using System.Globalization;
using System.Text.RegularExpressions;
using Rota.Configuration;
using Rota.Pipelines.Expressions;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>One problem placed at a builder field: <see cref="Field"/> is the element id (<c>step-s3-when</c>);
/// for a condition that does not parse, <see cref="Position"/> is the 1-based character where it went wrong.</summary>
public sealed record BuilderError(string Field, string Where, string Message, string? Expression = null, int? Position = null);

/// <summary>The API's validation errors (paths such as <c>steps[2].when</c>) placed next to the builder's fields.</summary>
public sealed partial class PipelineBuilderErrors
{
    public const string General = "builder-general", StepsSection = "builder-steps", SchedulesSection = "builder-schedules";

    private readonly List<BuilderError> _all = [];

    public IReadOnlyList<BuilderError> All => _all;
    public int Count => _all.Count;

    public IEnumerable<BuilderError> For(string field) => _all.Where(e => e.Field == field);

    public bool Has(string field) => _all.Any(e => e.Field == field);

    /// <summary>True when a step's card has any problem (its graph box is marked).</summary>
    public bool StepHas(string key) => _all.Any(e => e.Field == "step-" + key || e.Field.StartsWith("step-" + key + "-", StringComparison.Ordinal));

    public static PipelineBuilderErrors Of(PipelineBuilderForm form, IEnumerable<ConfigError> errors)
    {
        var result = new PipelineBuilderErrors();
        foreach (var e in errors.DistinctBy(e => (e.Path, e.Message)))
            result._all.Add(Place(form, e));
        return result;
    }

    private static BuilderError Place(PipelineBuilderForm form, ConfigError e)
    {
        var message = e.Value is null || e.Message.Contains($"'{e.Value}'", StringComparison.Ordinal) ? e.Message : $"{e.Message} (value: '{e.Value}')";
        var step = StepPath().Match(e.Path);
        if (step.Success && int.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < form.Steps.Count)
        {
            var s = form.Steps[i];
            var where = $"Step {i + 1} ({(s.Name.Length > 0 ? s.Name : "unnamed")})";
            var field = step.Groups[2].Value switch
            {
                "" => "",
                "name" or "task" or "handler" or "timeout" or "when" or "after" or "parameters" or "retry" => step.Groups[2].Value,
                "continue_on_failure" => "continue",
                _ => "",
            };
            if (field == "" && s.Target is var target && e.Message.Contains("either 'task'", StringComparison.Ordinal)) field = target;
            if (field == "when" && s.When.Length > 0)
            {
                try { ExpressionParser.Parse(s.When); }
                // The expression is shown under the message with the position marked, so the value is not repeated.
                catch (ExpressionException ex) { return new BuilderError(PipelineBuilderFields.StepId(s.Key, "when"), where + ", when", e.Message, s.When, ex.Position); }
            }
            return new BuilderError(field.Length == 0 ? "step-" + s.Key : PipelineBuilderFields.StepId(s.Key, field), field.Length == 0 ? where : $"{where}, {field.Replace('_', ' ')}", message);
        }
        var schedule = SchedulePath().Match(e.Path);
        if (schedule.Success && int.Parse(schedule.Groups[1].Value, CultureInfo.InvariantCulture) is var j && j < form.Schedules.Count)
        {
            var c = form.Schedules[j];
            var field = schedule.Groups[2].Value switch { "name" => "name", "time_zone" => "time_zone", "enabled" => "enabled", _ => "value" };
            return new BuilderError(PipelineBuilderFields.ScheduleId(c.Key, field), $"Schedule {j + 1}", message);
        }
        return e.Path switch
        {
            "name" => new BuilderError("pipeline-name", "Name", message),
            "description" => new BuilderError("pipeline-description", "Description", message),
            "enabled" => new BuilderError("pipeline-enabled", "Enabled", message),
            "steps" => new BuilderError(StepsSection, "Steps", message),
            _ when e.Path.StartsWith("schedules", StringComparison.Ordinal) || ScheduleConfigReader.TriggerKeys.Contains(e.Path)
                => new BuilderError(SchedulesSection, "Schedules", message),
            _ => new BuilderError(General, "Pipeline", e.Path.Length == 0 ? message : $"{e.Path}: {message}"),
        };
    }

    [GeneratedRegex(@"^steps\[(\d+)\](?:\.([a-z_]+))?")]
    private static partial Regex StepPath();

    [GeneratedRegex(@"^schedules\[(\d+)\](?:\.([a-z_]+))?")]
    private static partial Regex SchedulePath();
}

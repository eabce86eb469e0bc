using System.Globalization;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>What a builder button did (for the page's live region) and which element takes the focus afterwards.</summary>
public sealed record BuilderCommandResult(string Message, string? Focus);

/// <summary>The builder's edit buttons, applied on the server so they work without JavaScript: add, remove, duplicate and
/// move steps (<c>up:s3</c>), add or remove parameter rows and schedules. The entered values are kept as posted.</summary>
public static class PipelineBuilderCommands
{
    /// <summary>Applies <paramref name="command"/>; null when it is not an edit command (save, check, …) or names no card.</summary>
    public static BuilderCommandResult? Apply(PipelineBuilderForm form, string command, string defaultHandler)
    {
        var parts = command.Split(':');
        var key = parts.Length > 1 ? parts[1] : "";
        var index = form.IndexOf(key);
        switch (parts[0])
        {
            case "add-step":
            {
                var step = new BuilderStep { Key = form.NewKey("s"), Name = FreeName(form, "step", form.Steps.Count + 1), Handler = defaultHandler };
                form.Steps.Add(step);
                return new($"Step {form.Steps.Count} added.", PipelineBuilderFields.StepId(step.Key, "name"));
            }
            case "add-schedule":
            {
                var schedule = new BuilderSchedule { Key = form.NewKey("c") };
                form.Schedules.Add(schedule);
                return new($"Schedule {form.Schedules.Count} added.", PipelineBuilderFields.ScheduleId(schedule.Key, "value"));
            }
            case "remove-schedule" when form.Schedules.FindIndex(s => s.Key == key) is var at and >= 0:
                form.Schedules.RemoveAt(at);
                return new($"Schedule {at + 1} removed.", "add-schedule");
        }
        if (index < 0) return null;
        var s = form.Steps[index];
        switch (parts[0])
        {
            case "up" or "down":
            {
                var to = parts[0] == "up" ? index - 1 : index + 1;
                if (to < 0 || to >= form.Steps.Count) return new($"Step {index + 1} is already {(to < 0 ? "first" : "last")}.", MoveButton(s.Key, parts[0]));
                form.Steps.RemoveAt(index);
                form.Steps.Insert(to, s);
                // Keep the focus on the button pressed unless the card reached the end it moved to.
                var button = to == 0 ? "down" : to == form.Steps.Count - 1 ? "up" : parts[0];
                return new($"Step {Number(index)} moved to position {Number(to)}.", MoveButton(s.Key, button));
            }
            case "remove":
                form.Steps.RemoveAt(index);
                foreach (var other in form.Steps) other.After.Remove("#" + s.Key);
                return new($"Step {Number(index)} ({s.Name}) removed.", form.Steps.Count == 0 ? "add-step"
                    : PipelineBuilderFields.StepId(form.Steps[Math.Min(index, form.Steps.Count - 1)].Key, "name"));
            case "duplicate":
            {
                var copy = s.CopyAs(form.NewKey("s"), FreeName(form, s.Name.Length > 0 ? s.Name : "step"));
                form.Steps.Insert(index + 1, copy);
                return new($"Step {Number(index)} duplicated as step {Number(index + 1)} ({copy.Name}).", PipelineBuilderFields.StepId(copy.Key, "name"));
            }
            case "param-add":
                s.Parameters.Add(new BuilderParameter());
                return new($"Parameter row added to step {Number(index)}.", ParameterId(s.Key, s.Parameters.Count - 1));
            case "param-remove" when parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < s.Parameters.Count:
                s.Parameters.RemoveAt(row);
                return new($"Parameter row {row + 1} of step {Number(index)} removed.", PipelineBuilderFields.StepId(s.Key, "param-add"));
            default:
                return null;
        }
    }

    public static string MoveButton(string key, string direction) => PipelineBuilderFields.StepId(key, direction);

    public static string ParameterId(string key, int row) => PipelineBuilderFields.StepId(key, "param-" + row.ToString(CultureInfo.InvariantCulture));

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A step name not yet used: <c>fetch-2</c>, <c>fetch-3</c>, …</summary>
    private static string FreeName(PipelineBuilderForm form, string stem, int from = 2)
    {
        var baseName = System.Text.RegularExpressions.Regex.Replace(stem, "-[0-9]+$", "");
        if (baseName.Length > 45) baseName = baseName[..45];
        for (var n = from; ; n++)
        {
            var name = $"{baseName}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (form.Steps.All(x => x.Name != name)) return name;
        }
    }
}

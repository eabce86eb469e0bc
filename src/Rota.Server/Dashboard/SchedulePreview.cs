using System.Globalization;
using Rota.Configuration;
using Rota.Server.Dashboard.Models;
using Rota.Tasks;

namespace Rota.Server.Dashboard;

/// <summary>One schedule row of the task form explained: read by the configuration reader exactly as saving would
/// (any kind: cron, every, after_completion, at), described in words, with its next fires in its zone.</summary>
public static class SchedulePreview
{
    private const string PreviewHandler = "preview";

    public static CronExplanation Of(ScheduleFormRow row, string? taskName, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var schedule = TaskFormDocument.Schedule(row, "schedules[0]", errors);
        schedule.Remove("parameters");
        var name = string.IsNullOrWhiteSpace(taskName) ? "preview" : taskName.Trim();
        var doc = new System.Text.Json.Nodes.JsonObject { ["name"] = "preview", ["handler"] = PreviewHandler, ["schedules"] = new System.Text.Json.Nodes.JsonArray(schedule) };
        try
        {
            var def = ConfigLoader.ParseTask(doc.ToJsonString(), "form", new HashSet<string> { PreviewHandler }, TaskOrigin.Api).Schedules[0];
            // The task's name seeds H in cron expressions, so the preview hashes like the saved task will.
            var fires = Rota.Scheduling.FirePreview.Next(def, name, now, 5)
                .Select(f => f.Local.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + (f.Note is { } n ? " (" + n + ")" : "")).ToList();
            return new CronExplanation(true, Views.ScheduleView.Describe(def), fires, null);
        }
        catch (ConfigValidationException ex)
        {
            return new CronExplanation(false, null, [], string.Join(" ", ex.Errors.Select(e => e.Message)));
        }
        catch (RotaException ex)
        {
            return new CronExplanation(false, null, [], ex.Message);
        }
    }
}

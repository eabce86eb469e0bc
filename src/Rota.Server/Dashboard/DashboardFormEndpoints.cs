using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Scheduling;

namespace Rota.Server.Dashboard;

/// <summary>Helpers of the dashboard's forms under <c>/ui</c>: <c>GET /ui/cron/explain?expression=…&amp;time_zone=…</c>
/// answers what <c>/api/v1/cron/next</c> answers (the same compiler, describer and fire preview), but with the session
/// cookie and always 200 — <c>{"ok":false,"error":"…"}</c> for an invalid expression — so the task form can explain a
/// cron as it is typed.</summary>
public static class DashboardFormEndpoints
{
    public static void Map(RouteGroupBuilder session) => session.MapGet("/cron/explain", Explain);

    private static IResult Explain(HttpContext http, TimeProvider time)
    {
        var expression = http.Request.Query["expression"].ToString().Trim();
        var zone = http.Request.Query["time_zone"].ToString().Trim() is { Length: > 0 } z ? z : "UTC";
        return Results.Json(CronExplanation.Of(expression, zone, time.GetUtcNow()));
    }
}

/// <summary>An explained cron expression (or why it is not one) with its next fire times in the zone.</summary>
public sealed record CronExplanation(bool Ok, string? Description, IReadOnlyList<string> Fires, string? Error)
{
    public static CronExplanation Of(string expression, string zone, DateTimeOffset now)
    {
        if (expression.Length == 0) return new CronExplanation(false, null, [], "Type a cron expression, e.g. 0 2 * * *");
        if (expression.Length > 200) return new CronExplanation(false, null, [], "At most 200 characters.");
        try
        {
            ScheduleCompiler.CompileCron(expression, "ui");
            ScheduleCompiler.FindZone(zone);
            var def = new ScheduleDefinition { Specs = [TriggerSpec.ForCron(expression)], TimeZone = zone };
            var fires = FirePreview.Next(def, "ui", now, 5)
                .Select(f => f.Local.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + (f.Note is { } n ? " (" + n + ")" : "")).ToList();
            return new CronExplanation(true, CronDescriber.Describe(expression), fires, null);
        }
        catch (RotaException ex)
        {
            return new CronExplanation(false, null, [], ex.Message);
        }
    }
}

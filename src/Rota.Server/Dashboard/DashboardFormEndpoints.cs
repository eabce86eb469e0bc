using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Scheduling;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>Helpers of the dashboard's forms under <c>/ui</c>: <c>GET /ui/cron/explain?expression=…&amp;time_zone=…</c>
/// answers what <c>/api/v1/cron/next</c> answers (the same compiler, describer and fire preview), but with the session
/// cookie and always 200 — <c>{"ok":false,"error":"…"}</c> for an invalid expression — so the task form can explain a
/// cron as it is typed. <c>GET /ui/schedule/explain?kind=…&amp;cron=…&amp;every=…&amp;phase=…&amp;after_completion=…&amp;at=…&amp;time_zone=…&amp;task=…</c>
/// does the same for one schedule row of the task form, of any kind.</summary>
public static class DashboardFormEndpoints
{
    public static void Map(RouteGroupBuilder session)
    {
        session.MapGet("/cron/explain", Explain);
        session.MapGet("/schedule/explain", ExplainSchedule);
    }

    private static IResult Explain(HttpContext http, TimeProvider time)
    {
        var expression = http.Request.Query["expression"].ToString().Trim();
        var zone = http.Request.Query["time_zone"].ToString().Trim() is { Length: > 0 } z ? z : "UTC";
        return Results.Json(CronExplanation.Of(expression, zone, time.GetUtcNow()));
    }

    private static IResult ExplainSchedule(HttpContext http, TimeProvider time)
    {
        string? Q(string key) => http.Request.Query[key].ToString() is { Length: > 0 and <= 400 } v ? v : null;
        var row = new ScheduleFormRow
        {
            Kind = Q("kind"), Cron = Q("cron"), Every = Q("every"), Phase = Q("phase"), AfterCompletion = Q("after_completion"),
            At = Q("at"), TimeZone = Q("time_zone"), Enabled = true,
        };
        return Results.Json(SchedulePreview.Of(row, Q("task"), time.GetUtcNow()));
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

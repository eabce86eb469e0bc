using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Scheduling;
using Rota.Server.Problems;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/cron/explain</c> and <c>/api/v1/cron/next</c>: understand an expression before scheduling it.</summary>
public static class CronEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/cron").WithTags("Cron");
        g.MapGet("/explain", (HttpContext http) =>
        {
            var expression = Expression(http);
            return Results.Ok(new { expression, description = CronDescriber.Describe(expression) });
        }).WithName("ExplainCron");
        g.MapGet("/next", (HttpContext http, TimeProvider time) =>
        {
            var expression = Expression(http);
            var zone = Query.String(http.Request, "time_zone") ?? "UTC";
            try { ScheduleCompiler.FindZone(zone); }
            catch (RotaException ex) { throw ApiProblem.Invalid("time_zone", zone, ex.Message); }
            var count = Query.Int(http.Request, "count", 10, 1, 100);
            var from = Query.Instant(http.Request, "from") ?? time.GetUtcNow();
            var def = new ScheduleDefinition { Specs = [TriggerSpec.ForCron(expression)], TimeZone = zone };
            var fires = FirePreview.Next(def, "api", from, count).Select(f => new { utc = f.Utc, local = f.Local, note = f.Note });
            return Results.Ok(new { expression, time_zone = zone, description = CronDescriber.Describe(expression), fires });
        }).WithName("NextCronFires");
    }

    private static string Expression(HttpContext http)
    {
        var e = Query.String(http.Request, "expression") ?? throw ApiProblem.Malformed("expression", null, "required, e.g. ?expression=0 2 * * *");
        if (e.Length > 200) throw ApiProblem.Invalid("expression", e[..40] + "…", "at most 200 characters");
        try { ScheduleCompiler.CompileCron(e, "api"); }
        catch (RotaException ex) { throw new ApiProblem(422, ex.Code, ex.Message, "expression", e); }
        return e;
    }
}

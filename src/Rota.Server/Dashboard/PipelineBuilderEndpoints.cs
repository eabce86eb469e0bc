using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Dashboard.Components.Shared;

namespace Rota.Server.Dashboard;

/// <summary><c>POST /ui/pipelines/preview</c>: the builder's live preview. Takes the builder form as it stands (the same
/// fields the page posts, with the antiforgery token) and answers the graph and the API's verdict as an HTML fragment;
/// nothing is stored. <c>b.route</c> names the pipeline being edited (empty: a new one), scoped like the editor.</summary>
public static class PipelineBuilderEndpoints
{
    public static void Map(RouteGroupBuilder session) => session.MapPost("/pipelines/preview", PreviewAsync).DisableAntiforgery();

    private static async Task<IResult> PreviewAsync(HttpContext http, IAntiforgery antiforgery, PipelineBuilderService builder)
    {
        if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!PipelineBuilderFields.IsBuilder(form)) return Results.BadRequest();
        var route = form["b.route"].ToString() is { Length: > 0 and <= 100 } r ? r : null;
        var evaluation = await builder.EvaluateAsync(http.Caller(), PipelineBuilderFields.Read(form), route, http.RequestAborted);
        return new RazorComponentResult<PipelineBuilderPreview>(new { Evaluation = evaluation });
    }
}

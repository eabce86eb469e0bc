using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Crawler.Sources;
using Rota.Server.Auth;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's source routes under <c>/ui/sources</c>: add the feed confirmed on the preview page, save a
/// source's crawl rules, import an OPML file (multipart upload) and download the OPML export. Each POST checks the
/// antiforgery token.</summary>
public static class DashboardSourceEndpoints
{
    public const int MaxOpmlBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder session)
    {
        session.MapPost("/sources/add", Add).DisableAntiforgery();
        session.MapPost("/sources/import", Import).DisableAntiforgery();
        session.MapPost("/sources/{id:long}/rules", Rules).DisableAntiforgery();
        session.MapGet("/sources/export", Export);
    }

    private static IResult Expired(string back) =>
        Results.LocalRedirect(new ActionOutcome(back, null, "The form expired or did not come from this dashboard; nothing was changed. Please try again.").Location());

    private static async Task<IResult> Add(HttpContext http, IAntiforgery antiforgery, SourceActions actions)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!await antiforgery.IsRequestValidAsync(http)) return Expired("/sources/add");
        var input = form["input"].ToString().Trim();
        if (input.Length is 0 or > 2000) return Results.LocalRedirect(new ActionOutcome("/sources/add", null, "Give a feed or page URL, or a handle.").Location());
        SourceKind? kind = Enum.TryParse<SourceKind>(form["kind"].ToString().Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var k) ? k : null;
        var name = form["name"].ToString().Trim() is { Length: > 0 and <= 200 } n ? n : null;
        var owner = form["owner"].ToString().Trim() is { Length: > 0 and <= 64 } o ? o : http.Caller().Name;
        return Results.LocalRedirect((await actions.AddAsync(http, input, kind, name, owner)).Location());
    }

    private static async Task<IResult> Rules(long id, HttpContext http, IAntiforgery antiforgery, SourceActions actions)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var page = "/sources/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!await antiforgery.IsRequestValidAsync(http)) return Expired(page);
        var text = form["rules"].ToString();
        if (text.Length > 64 * 1024) return Results.LocalRedirect(new ActionOutcome(page, null, "The rules are longer than 64 KiB.").Location());
        return await actions.SetRulesAsync(http, id, text) is { } outcome ? Results.LocalRedirect(outcome.Location()) : Results.NotFound();
    }

    private static async Task<IResult> Import(HttpContext http, IAntiforgery antiforgery, SourceActions actions)
    {
        if (!http.Request.HasFormContentType) return Results.LocalRedirect(new ActionOutcome("/sources", null, "Choose an OPML file to import.").Location());
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!await antiforgery.IsRequestValidAsync(http)) return Expired("/sources");
        var file = form.Files.GetFile("opml");
        if (file is null || file.Length == 0) return Results.LocalRedirect(new ActionOutcome("/sources", null, "Choose an OPML file to import.").Location());
        if (file.Length > MaxOpmlBytes) return Results.LocalRedirect(new ActionOutcome("/sources", null, "The OPML file is larger than 1 MiB.").Location());
        var owner = form["owner"].ToString().Trim() is { Length: > 0 and <= 64 } o ? o : http.Caller().Name;
        await using var stream = file.OpenReadStream();
        return Results.LocalRedirect((await actions.ImportAsync(http, stream, owner)).Location());
    }

    private static async Task<IResult> Export(HttpContext http, SourceActions actions) =>
        Results.File(await actions.ExportAsync(http.Caller(), http.RequestAborted), "text/x-opml; charset=utf-8", "rota-sources.opml");
}

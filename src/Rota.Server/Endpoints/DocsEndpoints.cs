using Microsoft.AspNetCore.Builder;
using Rota.Server.Observability;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/docs</c>: Swagger UI over <c>/api/openapi/v1.json</c>, served from the assembly's embedded files (no CDN:
/// the docs work on air-gapped hosts and leak nothing to third parties).</summary>
public static class DocsEndpoints
{
    public const string Prefix = "api/docs";
    public const string DocumentPath = "/api/openapi/v1.json";

    public static void Map(WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = Prefix;
            o.DocumentTitle = ApiDocument.Title;
            o.SwaggerEndpoint(DocumentPath, $"{ApiDocument.Title} v1");
            // Swagger UI's default validator badge calls validator.swagger.io; null turns it off.
            o.ConfigObject.ValidatorUrl = null;
            o.EnablePersistAuthorization();
        });
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rota.Server.Json;

namespace Rota.Server.Problems;

/// <summary>Writes problem+json documents: type, title, status, detail, code, field, value, errors.</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext http, ApiProblem p)
    {
        http.Response.StatusCode = p.Status;
        http.Response.ContentType = "application/problem+json";
        if (p.RetryAfter is { } ra) http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ra.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var doc = new Dictionary<string, object?>
        {
            ["type"] = $"https://rota.dev/problems/{p.Code}",
            ["title"] = Title(p.Status),
            ["status"] = p.Status,
            ["detail"] = p.Message,
            ["code"] = p.Code,
            ["field"] = p.Field,
            ["value"] = p.Value,
            ["instance"] = http.Request.Path.Value,
        };
        if (p.Errors.Count > 0) doc["errors"] = p.Errors;
        foreach (var (k, v) in p.Extensions) doc[k] = v;
        return http.Response.WriteAsync(JsonSerializer.Serialize(doc, ApiJson.Options), http.RequestAborted);
    }

    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
}

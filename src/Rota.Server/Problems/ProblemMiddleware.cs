using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rota.Configuration;

namespace Rota.Server.Problems;

/// <summary>Turns every failure into problem+json: <see cref="ApiProblem"/> as is, <see cref="RotaException"/> by its code,
/// configuration validation as 422 listing every error, an oversized body as 413, anything else as a 500 without details
/// (the stack trace goes to the log, never to the client).</summary>
public sealed partial class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
            if (http.Response is { HasStarted: false, StatusCode: >= 400 } && http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
                await ProblemWriter.WriteAsync(http, new ApiProblem(http.Response.StatusCode, StatusCode(http.Response.StatusCode), $"{ProblemWriter.Title(http.Response.StatusCode)}: {http.Request.Method} {http.Request.Path}"));
        }
        catch (Exception ex) when (!http.Response.HasStarted && Translate(ex) is { } problem)
        {
            if (problem.Status >= 500) LogUnhandled(ex, http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await ProblemWriter.WriteAsync(http, problem);
        }
    }

    private static string StatusCode(int status) => status switch
    {
        404 => "request.route_not_found",
        405 => "request.method_not_allowed",
        415 => "request.unsupported_media_type",
        _ => $"request.status_{status}",
    };

    internal static ApiProblem? Translate(Exception ex) => ex switch
    {
        ApiProblem p => p,
        OperationCanceledException => null,
        BadHttpRequestException { StatusCode: 413 } => new ApiProblem(413, "request.too_large", "request: the body is larger than the server accepts", "body"),
        BadHttpRequestException b => new ApiProblem(b.StatusCode, "request.bad", $"request: {b.Message}"),
        ConfigValidationException c => FromValidation(c),
        RotaException r => FromRota(r),
        _ => new ApiProblem(500, "server.error", "server: the request failed; the error was logged"),
    };

    private static ApiProblem FromValidation(ConfigValidationException c)
    {
        var first = c.Errors[0];
        return new ApiProblem(422, "request.validation_failed", $"{(first.Path.Length == 0 ? "body" : first.Path)}: {first.Message}" + (c.Errors.Count > 1 ? $" (and {c.Errors.Count - 1} more)" : ""),
            first.Path.Length == 0 ? "body" : first.Path, first.Value)
        {
            Errors = c.Errors.Select(e => new FieldError(e.Path.Length == 0 ? "body" : e.Path, e.Value, e.Message)).ToList(),
        };
    }

    private static ApiProblem FromRota(RotaException r)
    {
        var status = r.Code switch
        {
            _ when r.Code.EndsWith(".not_found", StringComparison.Ordinal) => 404,
            _ when r.Code.EndsWith(".exists", StringComparison.Ordinal) || r.Code.EndsWith(".conflict", StringComparison.Ordinal) => 409,
            _ when r.Code.StartsWith("cron.", StringComparison.Ordinal) || r.Code.StartsWith("schedule.", StringComparison.Ordinal) => 422,
            _ when r.Code.StartsWith("store.", StringComparison.Ordinal) && r.IsTransient => 503,
            _ when r.Code.StartsWith("store.", StringComparison.Ordinal) => 500,
            _ => 400,
        };
        return new ApiProblem(status, r.Code, status == 500 ? "server: the store failed; the error was logged" : r.Message);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "api: {Method} {Path} failed")]
    private partial void LogUnhandled(Exception ex, string method, string path);
}

using Microsoft.AspNetCore.Http;
using Rota.Runs;
using Rota.Server.Json;

namespace Rota.Server.Endpoints;

/// <summary>200 with a runs page written by <see cref="RunPageWriter"/> straight into the response body.</summary>
internal sealed class RunPageResult(IReadOnlyList<RunRecord> runs, string? nextCursor) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        // Not flushed here: Kestrel sends what the pipe holds when the request ends, with a Content-Length.
        RunPageWriter.Write(response.BodyWriter, runs, nextCursor);
        return Task.CompletedTask;
    }
}

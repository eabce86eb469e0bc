using System.Net;
using System.Text.Json.Nodes;

namespace Rota.Client;

/// <summary>A request the server refused (RFC 9457 problem+json: <see cref="Code"/>, <see cref="Field"/>,
/// <see cref="Value"/>, <see cref="Detail"/>) or could not be reached (<see cref="Status"/> 0, code
/// <c>client.unreachable</c>).</summary>
public sealed class RotaApiException(int status, string code, string detail, string? field = null, string? value = null, Exception? inner = null)
    : Exception(detail, inner)
{
    public const string UnreachableCode = "client.unreachable";

    /// <summary>The HTTP status; 0 when no response arrived.</summary>
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Detail { get; } = detail;
    public string? Field { get; } = field;
    public string? Value { get; } = value;
    /// <summary>Further field errors, when the server listed several.</summary>
    public IReadOnlyList<ProblemFieldError> Errors { get; init; } = [];
    /// <summary>The whole problem document, for members beyond the standard ones (e.g. <c>conflicting_run_id</c>).</summary>
    public JsonObject? Problem { get; init; }
    /// <summary>Seconds the server asked to wait (429).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsUnreachable => Code == UnreachableCode;
    public bool IsAuthError => Status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;
    public bool IsNotFound => Status == (int)HttpStatusCode.NotFound;
}

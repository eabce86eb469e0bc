namespace Rota.Server.Problems;

/// <summary>A request that cannot be served, answered as RFC 9457 problem+json with a stable <see cref="Code"/> and,
/// for bad input, the offending <see cref="Field"/> and <see cref="Value"/>.</summary>
public sealed class ApiProblem(int status, string code, string detail, string? field = null, string? value = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public string? Value { get; } = value;
    /// <summary>Further field errors (validation lists every violation).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    /// <summary>Extra members written into the problem document (e.g. the conflicting run's id).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();
    public TimeSpan? RetryAfter { get; init; }

    public static ApiProblem NotFound(string what, string name) => new(404, $"{what}.not_found", $"{what}: no {what} '{name}'");
    public static ApiProblem Invalid(string field, string? value, string message) => new(422, "request.invalid_field", $"{field}: {message}", field, value);
    public static ApiProblem Malformed(string field, string? value, string message) => new(400, "request.malformed", $"{field}: {message}", field, value);
    public static ApiProblem Forbidden(string message) => new(403, "auth.forbidden", message);
}

public sealed record FieldError(string Field, string? Value, string Message);

namespace Rota.Client;

/// <summary>One entry of a problem document's <c>errors</c> list.</summary>
public sealed record ProblemFieldError(string Field, string? Value, string Message);

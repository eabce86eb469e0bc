namespace Rota.Client.Models;

/// <summary>Why a run or attempt failed; <see cref="Transient"/> errors are retried.</summary>
public sealed record RunErrorInfo(string Type, string Message, string? Details, bool Transient);

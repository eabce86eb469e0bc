namespace Rota.Cli.Commands;

/// <summary>A run's or attempt's error; <see cref="IsTransient"/> errors are retried.</summary>
public sealed record RunErrorView(string Type, string Message, string? Details, bool IsTransient);

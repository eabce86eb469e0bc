namespace Rota.Benchmarks.Child;

/// <summary>A child process failed or timed out; the parent reports it and marks that system's figures missing.</summary>
internal sealed class ChildFailedException(string message) : Exception(message);

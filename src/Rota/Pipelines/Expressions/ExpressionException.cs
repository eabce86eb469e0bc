namespace Rota.Pipelines.Expressions;

/// <summary>A step condition that does not parse; <see cref="Position"/> is the 1-based character where it went wrong.</summary>
public sealed class ExpressionException(string message, int position)
    : RotaException("pipeline.expression_syntax", $"expression: {message} at position {position}", isTransient: false)
{
    public int Position { get; } = position;
}

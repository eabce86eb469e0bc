namespace Rota.Pipelines.Expressions;

internal enum TokenKind { Number, String, Word, Operator, Open, Close, End }

/// <summary>One lexeme; <paramref name="Position"/> is 1-based.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position, object? Value = null);

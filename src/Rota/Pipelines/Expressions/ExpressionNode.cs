namespace Rota.Pipelines.Expressions;

/// <summary>A parsed condition. Values are <c>null</c>, <see cref="bool"/>, <see cref="double"/> or <see cref="string"/>.</summary>
public abstract record ExpressionNode
{
    /// <summary>Every <c>steps.&lt;name&gt;</c> the expression reads, for validation.</summary>
    public abstract IEnumerable<string> StepNames();
}

public sealed record LiteralNode(object? Value) : ExpressionNode
{
    public override IEnumerable<string> StepNames() => [];
}

/// <summary><c>steps.&lt;step&gt;.&lt;field&gt;[.&lt;key&gt;…]</c>; <paramref name="Position"/> for error messages.</summary>
public sealed record PathNode(string Step, IReadOnlyList<string> Fields, int Position) : ExpressionNode
{
    public override IEnumerable<string> StepNames() => [Step];
}

public sealed record NotNode(ExpressionNode Operand) : ExpressionNode
{
    public override IEnumerable<string> StepNames() => Operand.StepNames();
}

/// <summary><paramref name="Operator"/> is one of <c>== != &lt; &lt;= &gt; &gt;= &amp;&amp; ||</c>.</summary>
public sealed record BinaryNode(string Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override IEnumerable<string> StepNames() => Left.StepNames().Concat(Right.StepNames());
}

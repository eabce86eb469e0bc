namespace Rota.Pipelines.Expressions;

/// <summary>
/// Recursive descent over the grammar in docs/pipelines.md:
/// <c>or := and ('||' and)*; and := not ('&amp;&amp;' not)*; not := '!' not | cmp; cmp := primary (op primary)?;
/// primary := number | string | true | false | null | path | '(' or ')'</c>.
/// </summary>
public static class ExpressionParser
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", "<=", ">", ">="];
    private static readonly HashSet<string> Fields = ["status", "reason", "error", "stats"];

    /// <exception cref="ExpressionException">The text does not parse; the message names the position.</exception>
    public static ExpressionNode Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ExpressionException("the condition is empty", 1);
        var tokens = ExpressionLexer.Tokenize(text);
        var at = 0;
        var node = Or(tokens, ref at);
        if (tokens[at].Kind != TokenKind.End) throw Unexpected(tokens[at]);
        return node;
    }

    private static ExpressionNode Or(List<ExpressionToken> t, ref int at)
    {
        var left = And(t, ref at);
        while (IsOperator(t[at], "||")) { at++; left = new BinaryNode("||", left, And(t, ref at)); }
        return left;
    }

    private static ExpressionNode And(List<ExpressionToken> t, ref int at)
    {
        var left = Not(t, ref at);
        while (IsOperator(t[at], "&&")) { at++; left = new BinaryNode("&&", left, Not(t, ref at)); }
        return left;
    }

    private static ExpressionNode Not(List<ExpressionToken> t, ref int at)
    {
        if (!IsOperator(t[at], "!")) return Comparison(t, ref at);
        at++;
        return new NotNode(Not(t, ref at));
    }

    private static ExpressionNode Comparison(List<ExpressionToken> t, ref int at)
    {
        var left = Primary(t, ref at);
        if (t[at].Kind != TokenKind.Operator || !Comparisons.Contains(t[at].Text)) return left;
        var op = t[at++].Text;
        return new BinaryNode(op, left, Primary(t, ref at));
    }

    private static ExpressionNode Primary(List<ExpressionToken> t, ref int at)
    {
        var token = t[at];
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                at++;
                return new LiteralNode(token.Value);
            case TokenKind.Open:
                at++;
                var inner = Or(t, ref at);
                if (t[at].Kind != TokenKind.Close) throw new ExpressionException($"expected ')' but found {Describe(t[at])}", t[at].Position);
                at++;
                return inner;
            case TokenKind.Word:
                at++;
                return token.Text switch
                {
                    "true" => new LiteralNode(true),
                    "false" => new LiteralNode(false),
                    "null" => new LiteralNode(null),
                    _ => Path(token),
                };
            default:
                throw Unexpected(token);
        }
    }

    private static PathNode Path(ExpressionToken token)
    {
        var parts = token.Text.Split('.');
        if (parts[0] != "steps")
            throw new ExpressionException($"unknown name '{parts[0]}'; paths start with 'steps.' (e.g. steps.fetch.status)", token.Position);
        if (parts.Length < 3 || parts.Any(p => p.Length == 0))
            throw new ExpressionException($"'{token.Text}' is incomplete; write steps.<step>.status, .reason, .error or .stats.<key>", token.Position);
        if (!Fields.Contains(parts[2]))
            throw new ExpressionException($"unknown field '{parts[2]}' in '{token.Text}'; use status, reason, error or stats.<key>", token.Position);
        if (parts[2] == "stats" && parts.Length < 4)
            throw new ExpressionException($"'{token.Text}' needs a key: steps.{parts[1]}.stats.<key>", token.Position);
        if (parts[2] != "stats" && parts.Length > 3)
            throw new ExpressionException($"'{parts[2]}' has no fields ('{token.Text}')", token.Position);
        return new PathNode(parts[1], parts[2..], token.Position);
    }

    private static bool IsOperator(ExpressionToken t, string op) => t.Kind == TokenKind.Operator && t.Text == op;

    private static ExpressionException Unexpected(ExpressionToken t) => new($"unexpected {Describe(t)}", t.Position);

    private static string Describe(ExpressionToken t) => t.Kind == TokenKind.End ? "end of expression" : $"'{t.Text}'";
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rota.Pipelines.Expressions;

/// <summary>What a condition can read about one finished step.</summary>
public sealed record StepOutcome(string Status, string? Reason, string? Error, JsonObject? Stats);

/// <summary>
/// Evaluates a parsed condition. A path to a step that has no outcome, or a missing stats key, is <c>null</c>.
/// <c>== !=</c> compare any values (numbers numerically, other kinds must match); <c>&lt; &lt;= &gt; &gt;=</c> are false
/// unless both sides are numbers or both strings; <c>! &amp;&amp; ||</c> treat null, false, 0 and "" as false.
/// </summary>
public static class ExpressionEvaluator
{
    public static bool IsTrue(ExpressionNode node, IReadOnlyDictionary<string, StepOutcome> steps) => Truthy(Eval(node, steps));

    private static object? Eval(ExpressionNode node, IReadOnlyDictionary<string, StepOutcome> steps) => node switch
    {
        LiteralNode l => l.Value,
        PathNode p => Resolve(p, steps),
        NotNode n => !Truthy(Eval(n.Operand, steps)),
        BinaryNode { Operator: "&&" } b => Truthy(Eval(b.Left, steps)) && Truthy(Eval(b.Right, steps)),
        BinaryNode { Operator: "||" } b => Truthy(Eval(b.Left, steps)) || Truthy(Eval(b.Right, steps)),
        BinaryNode b => Compare(b.Operator, Eval(b.Left, steps), Eval(b.Right, steps)),
        _ => null,
    };

    private static object? Resolve(PathNode p, IReadOnlyDictionary<string, StepOutcome> steps)
    {
        if (!steps.TryGetValue(p.Step, out var s)) return null;
        return p.Fields[0] switch
        {
            "status" => s.Status,
            "reason" => s.Reason,
            "error" => s.Error,
            _ => FromJson(Walk(s.Stats, p.Fields.Skip(1))),
        };
    }

    private static JsonNode? Walk(JsonNode? node, IEnumerable<string> keys)
    {
        foreach (var k in keys) node = node is JsonObject o && o.TryGetPropertyValue(k, out var v) ? v : null;
        return node;
    }

    private static object? FromJson(JsonNode? node)
    {
        if (node is not JsonValue v) return node?.ToJsonString();
        return v.GetValueKind() switch
        {
            JsonValueKind.Number => double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private static bool Compare(string op, object? a, object? b)
    {
        if (op is "==" or "!=") return Equal(a, b) == (op == "==");
        int order;
        if (a is double x && b is double y) order = x.CompareTo(y);
        else if (a is string s && b is string t) order = string.CompareOrdinal(s, t);
        else return false;
        return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    private static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y,
        _ => a is not null && a.Equals(b),
    };

    private static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };
}

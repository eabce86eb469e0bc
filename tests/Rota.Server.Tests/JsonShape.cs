using System.Text.Json;

namespace Rota.Server.Tests;

/// <summary>Asserts that a JSON object has exactly the documented members, each of one of the allowed kinds
/// (<c>"string"</c>, <c>"number"</c>, <c>"bool"</c>, <c>"array"</c>, <c>"object"</c>, with <c>"|null"</c> when it may be null).</summary>
public static class JsonShape
{
    public static void Assert(JsonElement e, string what, params (string Name, string Kinds)[] members)
    {
        Xunit.Assert.Equal(JsonValueKind.Object, e.ValueKind);
        var actual = e.EnumerateObject().Select(p => p.Name).Order().ToList();
        Xunit.Assert.True(actual.SequenceEqual(members.Select(m => m.Name).Order()),
            $"{what}: members [{string.Join(", ", actual)}] instead of [{string.Join(", ", members.Select(m => m.Name).Order())}]");
        foreach (var (name, kinds) in members)
        {
            var kind = Kind(e.GetProperty(name).ValueKind);
            Xunit.Assert.True(kinds.Split('|').Contains(kind), $"{what}.{name}: {kind}, expected {kinds}");
        }
    }

    private static string Kind(JsonValueKind k) => k switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}

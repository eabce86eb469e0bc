namespace Rota.TestSupport;

/// <summary>A request as <see cref="LoopbackHttpServer"/> received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

using Rota.Net;

namespace Rota.Handlers;

/// <summary>
/// The shared <see cref="HttpClient"/>s of the <c>http</c> handler: one that passes every connection through the
/// SSRF guard and one for trusted tasks. Shared for the process lifetime so runs reuse pooled connections instead of
/// exhausting sockets. Registered as a singleton by <c>AddRota</c>.
/// </summary>
public sealed class HttpTaskClients : IDisposable
{
    private readonly Lazy<HttpClient> _guarded;
    private readonly Lazy<HttpClient> _trusted = new(() => Create(OutboundAddressGuard.AllowAll));

    public HttpTaskClients() : this(OutboundAddressGuard.PublicOnly) { }

    /// <summary>For tests: a different guard for API tasks (e.g. one that also allows 127.0.0.1).</summary>
    internal HttpTaskClients(OutboundAddressGuard guard) => _guarded = new(() => Create(guard));

    /// <summary>The client for a task: guarded (public addresses only) or trusted (any address).</summary>
    public HttpClient For(bool guarded) => guarded ? _guarded.Value : _trusted.Value;

    public void Dispose()
    {
        if (_guarded.IsValueCreated) _guarded.Value.Dispose();
        if (_trusted.IsValueCreated) _trusted.Value.Dispose();
    }

    // The handler applies its own per-attempt timeout, so the client's is off.
    private static HttpClient Create(OutboundAddressGuard guard) =>
        new(GuardedHttpHandlerFactory.Create(guard)) { Timeout = Timeout.InfiniteTimeSpan };
}

using Microsoft.Extensions.DependencyInjection;

namespace Rota.Execution;

/// <summary>Maps handler kinds to handler types or delegates.</summary>
internal sealed class HandlerRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskHandler>> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => _factories.Keys;

    public bool Contains(string kind) => _factories.ContainsKey(kind);

    public void Add(string kind, Type handlerType)
    {
        if (string.IsNullOrWhiteSpace(kind)) throw new RotaException("handler.invalid_kind", "handler: kind must not be empty");
        _factories[kind] = sp => (ITaskHandler)ActivatorUtilities.GetServiceOrCreateInstance(sp, handlerType);
    }

    public void Add(string kind, Func<TaskContext, ValueTask<TaskOutcome>> handler)
    {
        var instance = new DelegateHandler(handler);
        _factories[kind] = _ => instance;
    }

    public ITaskHandler Create(string kind, IServiceProvider services) =>
        _factories.TryGetValue(kind, out var f)
            ? f(services)
            : throw new RotaException("handler.unknown", $"handler: no handler is registered for kind '{kind}' (known: {string.Join(", ", _factories.Keys.Order())})", isTransient: false);

    private sealed class DelegateHandler(Func<TaskContext, ValueTask<TaskOutcome>> run) : ITaskHandler
    {
        public ValueTask<TaskOutcome> ExecuteAsync(TaskContext context) => run(context);
    }
}

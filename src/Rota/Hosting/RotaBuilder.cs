using Microsoft.Extensions.DependencyInjection;
using Rota.Execution;

namespace Rota.Hosting;

/// <summary>Returned by <c>AddRota</c>: choose a store (<c>UseSqlite</c>) and register handlers.</summary>
public sealed class RotaBuilder(IServiceCollection services, RotaOptions options)
{
    public IServiceCollection Services { get; } = services;
    public RotaOptions Options { get; } = options;

    /// <summary>Registers a handler type for a kind (resolved from DI per attempt, or created with its dependencies).</summary>
    public RotaBuilder AddHandler<THandler>(string kind) where THandler : class, ITaskHandler
    {
        Services.AddTransient<THandler>();
        Options.AddHandler<THandler>(kind);
        return this;
    }
}

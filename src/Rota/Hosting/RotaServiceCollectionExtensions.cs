using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Handlers;
using Rota.Storage;

namespace Rota.Hosting;

/// <summary>Hosts Rota in an ASP.NET Core or Worker Service app, as Hangfire or Quartz.NET are hosted.</summary>
public static class RotaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Rota engine as a hosted service, <see cref="RotaClient"/> for triggering and inspecting runs, and the
    /// built-in handlers (<c>noop</c>, <c>cleanup</c>, and those registered by later add-ons). Choose a store next:
    /// <c>services.AddRota(o =&gt; …).UseSqlite("data/rota.db")</c>.
    /// </summary>
    public static RotaBuilder AddRota(this IServiceCollection services, Action<RotaOptions>? configure = null)
    {
        var options = new RotaOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        var builder = new RotaBuilder(services, options);
        builder.AddHandler<CleanupTaskHandler>("cleanup");
        BuiltInHandlers.Register(builder);
        services.AddSingleton(sp => new RotaEngine(
            sp.GetRequiredService<IRotaStore>(), options, sp.GetRequiredService<TimeProvider>(), sp,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<RotaEngine>());
        services.AddSingleton(sp => sp.GetRequiredService<RotaEngine>().Client);
        return builder;
    }
}

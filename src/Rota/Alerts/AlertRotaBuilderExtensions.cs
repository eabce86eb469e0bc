using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Hosting;

namespace Rota.Alerts;

public static class AlertRotaBuilderExtensions
{
    /// <summary>Adds the <see cref="Alerter"/> as a hosted service (started after the engine): it evaluates the alert
    /// rules stored with <c>rota apply</c>, <c>rota serve --config</c> or <c>PUT /api/v1/alerts</c>.</summary>
    public static RotaBuilder UseAlerts(this RotaBuilder builder, Action<AlertOptions>? configure = null)
    {
        var options = new AlertOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new Alerter(sp.GetRequiredService<RotaEngine>(), options, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Alerter>());
        return builder;
    }
}

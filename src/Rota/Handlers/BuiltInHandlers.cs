using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rota.Hosting;

namespace Rota.Handlers;

/// <summary>Registers the built-in handler kinds that ship in this assembly.</summary>
internal static class BuiltInHandlers
{
    public static void Register(RotaBuilder builder)
    {
        builder.AddHandler<CommandTaskHandler>("command");
        builder.Services.TryAddSingleton<HttpTaskClients>();
        builder.AddHandler<HttpTaskHandler>("http");
    }
}

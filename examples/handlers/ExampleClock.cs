using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Rota.Examples;

/// <summary>
/// TEST ONLY. <c>ROTA_EXAMPLE_CLOCK=2026-06-01T01:59:55Z</c> starts this process's clock at that instant; it then
/// advances in real time. The end-to-end tests use it to reach 02:00 or "31 days later" without waiting a day.
/// Never set it in production: runs, schedules and tokens would all be stamped with the shifted time.
/// </summary>
public sealed class ExampleClock(TimeSpan offset) : TimeProvider
{
    public const string Variable = "ROTA_EXAMPLE_CLOCK";

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public static void UseIfConfigured(IServiceCollection services)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } text) return;
        var start = DateTimeOffset.Parse(text, global::System.Globalization.CultureInfo.InvariantCulture);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ExampleClock(start - System.GetUtcNow())));
    }
}

using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rota.Benchmarks.Api;

/// <summary>The peer for the API benchmark, in its own process: an ASP.NET Core app with Hangfire's dashboard on
/// Hangfire.InMemory (its fastest storage) holding N processed jobs, dashboard open to anyone (no auth work, which only
/// flatters the peer). Prints its URL, then serves until stdin closes.</summary>
internal static class HangfireDashboardHost
{
    public const string Verb = "child-hangfire-web";

    public static async Task<int> RunAsync(int jobs)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHangfire(c => c.UseInMemoryStorage(new InMemoryStorageOptions()));
        builder.Services.AddHangfireServer(o => o.WorkerCount = 10);
        await using var app = builder.Build();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new OpenDashboard()], IgnoreAntiforgeryToken = true });
        await app.StartAsync();
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();
        for (var i = 0; i < jobs; i++) client.Enqueue(() => Noop());
        var monitor = JobStorage.Current.GetMonitoringApi();
        while (monitor.SucceededListCount() < jobs) await Task.Delay(100);
        var address = app.Urls.First();
        Console.WriteLine($"hangfire-dashboard {address}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    public static void Noop() { }

    private sealed class OpenDashboard : Hangfire.Dashboard.IDashboardAuthorizationFilter
    {
        public bool Authorize(Hangfire.Dashboard.DashboardContext context) => true;
    }
}

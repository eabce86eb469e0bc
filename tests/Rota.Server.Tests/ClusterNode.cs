using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rota.Execution;
using Rota.Hosting;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Storage;
using Rota.Storage.Postgres;

namespace Rota.Server.Tests;

/// <summary>One node of a cluster: a real server (Kestrel on 127.0.0.1:0) and engine on a shared PostgreSQL schema of the
/// server named by <c>ROTA_TEST_PG</c>. Handler <c>slow-progress</c> reports 25 %, then 75 % 1.2 s later (past the relay's
/// one-progress-per-second bound), then succeeds.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private ClusterNode(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public PostgresStore Store => (PostgresStore)App.Services.GetRequiredService<IRotaStore>();
    public RotaEngine Engine => App.Services.GetRequiredService<RotaEngine>();
    public TokenLookupCache Tokens => App.Services.GetRequiredService<TokenLookupCache>();

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException("ROTA_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL");

    public static async Task<ClusterNode> StartAsync(string schema, string name, bool executes, bool notifications = true, string? applicationName = null)
    {
        var cs = applicationName is null ? ServerConnectionString()
            : new NpgsqlConnectionStringBuilder(ServerConnectionString()) { ApplicationName = applicationName }.ConnectionString;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddRota(o =>
        {
            o.NodeName = name;
            o.ExecutorEnabled = executes;
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ShutdownGrace = TimeSpan.FromMilliseconds(200);
            o.AddHandler("slow-progress", async ctx =>
            {
                ctx.ReportProgress(25, "a quarter");
                await Task.Delay(1200, ctx.CancellationToken);
                ctx.ReportProgress(75, "three quarters");
                await Task.Delay(50, ctx.CancellationToken);
                return TaskOutcome.Success();
            });
        }).UsePostgres(cs, schema, notifications: notifications);
        builder.AddRotaServer(o => o.Urls = "http://127.0.0.1:0");
        var app = builder.Build();
        app.MapRotaServer();
        await app.StartAsync();
        return new ClusterNode(app);
    }

    public HttpClient Client(string secret)
    {
        var c = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return c;
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

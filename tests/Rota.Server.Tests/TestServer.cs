using Rota.Alerts;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rota.Execution;
using Rota.Hosting;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Storage;
using Rota.Storage.Sqlite;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Server.Tests;

/// <summary>A real <c>rota serve</c> in-process: Kestrel on 127.0.0.1:0, the engine over a temp SQLite file, users admin,
/// alice and bob with tokens, plus an expired, a revoked and a garbage token. Handlers: <c>noop</c> (built in),
/// <c>progress</c> (reports 25 % and 75 %, logs a line, succeeds) and <c>block</c> (runs until cancelled).</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Dictionary<Identity, HttpClient> _clients = [];

    private TestServer(TempDirectory dir, WebApplication app, string dbPath)
    {
        _dir = dir;
        App = app;
        DbPath = dbPath;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public string DbPath { get; }
    public IRotaStore Store => App.Services.GetRequiredService<IRotaStore>();
    public RotaEngine Engine => App.Services.GetRequiredService<RotaEngine>();
    public UserAccounts Accounts => App.Services.GetRequiredService<UserAccounts>();
    public IReadOnlyDictionary<Identity, string> Secrets { get; private set; } = new Dictionary<Identity, string>();
    public IReadOnlyDictionary<Identity, long> UserIds { get; private set; } = new Dictionary<Identity, long>();

    public HttpClient this[Identity who] => _clients[who];
    public HttpClient Alice => _clients[Identity.Alice];
    public HttpClient Bob => _clients[Identity.Bob];
    public HttpClient Admin => _clients[Identity.Admin];
    public HttpClient Anonymous => _clients[Identity.Anonymous];

    public static async Task<TestServer> StartAsync(Action<RotaServerOptions>? server = null, Crawler.Crawling.CrawlerOptions? crawler = null)
    {
        var dir = new TempDirectory();
        var db = dir.File("rota.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = dir.Path, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddRota(o =>
        {
            o.NodeName = "server-test";
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.ShutdownGrace = TimeSpan.FromMilliseconds(200);
            o.AddHandler("progress", async ctx =>
            {
                ctx.ReportProgress(25, "a quarter");
                ctx.Log("progress handler: halfway");
                await Task.Delay(50, ctx.CancellationToken);
                ctx.ReportProgress(75, "three quarters");
                await Task.Delay(50, ctx.CancellationToken);
                return TaskOutcome.Success();
            });
            o.AddHandler("block", async ctx =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
                return TaskOutcome.Success();
            });
        }).UseSqlite(db).UseAlerts(o =>
        {
            o.RetryDelay = TimeSpan.Zero;
            o.AllowLoopback = true;
        });
        if (crawler is not null) builder.Services.AddSingleton(crawler);
        builder.AddRotaServer(o =>
        {
            o.Urls = "http://127.0.0.1:0";
            server?.Invoke(o);
        });
        var app = builder.Build();
        app.MapRotaServer();
        var engine = app.Services.GetRequiredService<RotaEngine>();
        var adminSecret = await AdminBootstrap.EnsureAdminAsync(engine.Store, app.Services.GetRequiredService<UserAccounts>(), CancellationToken.None);
        await app.StartAsync();
        var s = new TestServer(dir, app, db);
        await s.SeedAsync(adminSecret!);
        return s;
    }

    private async Task SeedAsync(string adminSecret)
    {
        var admin = (await Store.UserGet(AdminBootstrap.AdminName))!;
        var alice = await Accounts.CreateAsync("alice", UserRow.UserRole, null, CancellationToken.None);
        var bob = await Accounts.CreateAsync("bob", UserRow.UserRole, null, CancellationToken.None);
        var (_, aliceSecret) = await Accounts.CreateTokenAsync(alice, "alice-cli", null, CancellationToken.None);
        var (_, bobSecret) = await Accounts.CreateTokenAsync(bob, "bob-cli", null, CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        var expiredSecret = TokenSecret.Create();
        await Store.TokenCreate(new TokenCreateParams(alice.Id, "alice-expired", TokenSecret.Prefix(expiredSecret), TokenSecret.Hash(expiredSecret),
            now.AddHours(-1), now.AddDays(-2)));
        var (revoked, revokedSecret) = await Accounts.CreateTokenAsync(alice, "alice-revoked", null, CancellationToken.None);
        await Store.TokenRevoke(new TokenRevokeParams(revoked.Id, null, now));
        Secrets = new Dictionary<Identity, string>
        {
            [Identity.Alice] = aliceSecret, [Identity.Bob] = bobSecret, [Identity.Admin] = adminSecret,
            [Identity.Expired] = expiredSecret, [Identity.Revoked] = revokedSecret,
            [Identity.Garbage] = TokenSecret.Scheme + "notarealtokennotarealtokennotarealtoken0",
        };
        UserIds = new Dictionary<Identity, long> { [Identity.Alice] = alice.Id, [Identity.Bob] = bob.Id, [Identity.Admin] = admin.Id };
        _clients[Identity.Anonymous] = Client(null);
        foreach (var (who, secret) in Secrets) _clients[who] = Client(secret);
    }

    /// <summary>A new client sending <paramref name="secret"/> as its bearer token (none when null).</summary>
    public HttpClient Client(string? secret)
    {
        var c = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (secret is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return c;
    }

    /// <summary>Creates a task straight through the engine (not the API), owned by <paramref name="owner"/>.</summary>
    public Task<TaskRow> CreateTaskAsync(string name, string? owner, string handler = "noop", Func<TaskDefinition, TaskDefinition>? shape = null) =>
        Engine.Client.ApplyAsync((shape ?? (d => d))(new TaskDefinition { Name = name, Handler = handler, Owner = owner }));

    /// <summary>Triggers <paramref name="task"/> through the engine and waits until the run is finished.</summary>
    public async Task<RunRecord> RunToEndAsync(string task)
    {
        var id = (await Engine.Client.TriggerAsync(new TriggerRequest(task))).RunId;
        return await WaitForRunAsync(id, r => r.Status.IsTerminal());
    }

    /// <summary>A run scheduled an hour ahead: active (cancellable), never executed during a test.</summary>
    public async Task<long> ScheduleRunAsync(string task) =>
        (await Engine.Client.TriggerAsync(new TriggerRequest(task, RunAt: TimeProvider.System.GetUtcNow().AddHours(1)))).RunId;

    public async Task<RunRecord> WaitForRunAsync(long id, Func<RunRecord, bool> until, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var run = await Store.RunGet(id, cts.Token);
            if (run is not null && until(run)) return run;
            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Everything a failed request must not change: tasks, schedules, runs, audit, users and tokens (not last-used).</summary>
    public async Task<string> SnapshotAsync()
    {
        var tasks = await Store.TaskList(new TaskListParams(null, null));
        var schedules = await Store.ScheduleList(new ScheduleListParams());
        var runs = await Store.RunList(new RunListParams { Limit = 10_000 });
        var audit = await Store.AuditList(new AuditListParams(Limit: 10_000));
        var users = await Store.UserList();
        var tokens = (await Store.TokenList(new TokenListParams(null))).Select(t => new { t.Id, t.Name, t.UserName, t.ExpiresAt, t.RevokedAt });
        var queues = await Store.QueueList();
        var sources = await Store.SourceList(new SourceListParams());
        var crawlLogs = await Store.CrawlLogList(new CrawlLogListParams(Limit: 10_000));
        var alerts = (object?)await Store.AlertConfigGet() ?? "no alert configuration";
        var deliveries = await Store.AlertDeliveryList(new AlertDeliveryListParams(Limit: 1000));
        var sb = new StringBuilder();
        foreach (var part in new object[] { tasks, schedules, runs, audit, users, tokens, queues, sources, crawlLogs, alerts, deliveries })
            sb.AppendLine(JsonSerializer.Serialize(part, part.GetType()));
        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _dir.Dispose();
    }
}

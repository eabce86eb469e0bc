using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Rota.Configuration;
using Rota.Crawler;
using Rota.Crawler.Crawling;
using Rota.Hosting;
using Rota.Execution;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Live;
using Rota.Storage;
using Rota.Storage.Sqlite;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Dashboard.Tests;

/// <summary>A real Rota server in this process (Kestrel on a free loopback port, SQLite in a temp file) with users admin,
/// alice and bob and tasks of each, plus one headless Debian chromium driven by Playwright. Handlers <c>gated-progress</c>
/// and <c>sleep</c> let tests decide when a run moves on.</summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string AdminPassword = "admin-password-123";
    public const string AlicePassword = "alice-password-123";
    public const string BobPassword = "bob-password-1234";
    public const string CarolPassword = "carol-password-123";
    /// <summary>Run now / Retry permits a minute (the API's trigger limiter and the dashboard's).</summary>
    public const int TriggerPermits = 5;
    public const int PagerRuns = 30;
    /// <summary>A queue no task uses, for pause/resume tests (pausing "default" would stall the other tests).</summary>
    public const string BatchQueue = "batch";

    private readonly TempDirectory _dir = new();
    private WebApplication? _app;
    private LoopbackHttpServer? _alertReceiver;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");
    public IServiceProvider Services => _app!.Services;
    public RotaEngine Engine => _app!.Services.GetRequiredService<RotaEngine>();
    public EventHub Events => _app!.Services.GetRequiredService<EventHub>();
    public IRotaStore Store => Engine.Store;
    public UserAccounts Accounts => _app!.Services.GetRequiredService<UserAccounts>();
    public long BobRunId { get; private set; }
    public long AdminRunId { get; private set; }
    /// <summary>The admin's seeded source, with items and a crawl log; <see cref="AdminFailingSourceId"/> is in error.</summary>
    public long AdminSourceId { get; private set; }
    public long AdminFailingSourceId { get; private set; }
    public string AliceToken { get; private set; } = "";
    /// <summary>The webhook alert channel "hook" posts here (answers 204); the Slack channel "chat" is never sent to.</summary>
    public LoopbackHttpServer AlertReceiver => _alertReceiver ?? throw new InvalidOperationException("not started");
    public const string AlertSecret = "top-secret-signing-key";

    /// <summary>Released by a test once its page listens for live events; the progress handler then reports 25…100 %.</summary>
    public SemaphoreSlim ProgressGate { get; } = new(0);
    /// <summary>Completed with the run id when the <c>sleep</c> handler has started.</summary>
    public TaskCompletionSource<long> SleeperStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException("install chromium: apt-get install -y chromium");
        _alertReceiver = await LoopbackHttpServer.StartAsync();
        _alertReceiver.MapText("/hook", 204);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = _dir.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddRota(o =>
        {
            o.NodeName = "dash-test";
            o.PollInterval = TimeSpan.FromMilliseconds(200);
            o.ShutdownGrace = TimeSpan.FromSeconds(2);
            o.AddHandler("gated-progress", GatedProgressAsync);
            o.AddHandler("sleep", SleepAsync);
        }).UseSqlite(_dir.File("rota.db")).UseCrawler(new CrawlerOptions { AllowLoopback = true, DefaultPollInterval = TimeSpan.FromMinutes(15) });
        // Registered before AddRotaServer, whose defaults only stand in: the test webhook listens on 127.0.0.1.
        builder.Services.AddSingleton(new Rota.Alerts.AlertOptions { AllowLoopback = true, Attempts = 1 });
        builder.AddRotaServer(o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.TriggerPermitsPerMinute = TriggerPermits;
        });
        _app = builder.Build();
        _app.MapRotaServer();
        await SeedAsync();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BobRunId = (await Engine.Client.TriggerAsync(new TriggerRequest("bob-task", TriggeredBy: "test"))).RunId;
        AdminRunId = (await Engine.Client.TriggerAsync(new TriggerRequest("admin-report", TriggeredBy: "test"))).RunId;
        for (var i = 0; i < PagerRuns; i++)
            await Engine.Client.TriggerAsync(new TriggerRequest("bob-pager", TriggeredBy: "test", IgnoreOverlap: true));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    private async Task SeedAsync()
    {
        await Engine.Store.QueueUpsert(new QueueUpsertParams(BatchQueue, 2));
        var accounts = _app!.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("admin", UserRow.AdminRole, AdminPassword, default);
        var alice = await accounts.CreateAsync("alice", UserRow.UserRole, AlicePassword, default);
        await accounts.CreateAsync("bob", UserRow.UserRole, BobPassword, default);
        await accounts.CreateAsync("carol", UserRow.UserRole, CarolPassword, default);
        AliceToken = (await accounts.CreateTokenAsync(alice, "dashboard-test", null, default)).Secret;
        var handlers = Engine.HandlerKinds.ToHashSet();
        foreach (var json in new[]
        {
            """{"name":"admin-report","handler":"noop","description":"Nightly report","cron":"30 2 * * *","time_zone":"Europe/Berlin"}""",
            """{"name":"alice-toggle","handler":"noop","owner":"alice","cron":"0 8 * * 1-5","time_zone":"America/New_York"}""",
            """{"name":"alice-progress","handler":"gated-progress","owner":"alice","description":"Reports progress in steps"}""",
            """{"name":"alice-sleeper","handler":"sleep","owner":"alice","description":"Runs until cancelled"}""",
            """{"name":"bob-task","handler":"noop","owner":"bob","every":"1h"}""",
            """{"name":"bob-params","handler":"noop","owner":"bob","description":"Run with parameters from the dashboard"}""",
            """{"name":"bob-pager","handler":"noop","owner":"bob","description":"Many runs, for the pager"}""",
            """{"name":"carol-quick","handler":"noop","owner":"carol","description":"Run now until the rate limit says no","overlap":"allow_all"}""",
        })
            await Engine.Client.ApplyAsync(ConfigLoader.ParseTask(json, "test", handlers, TaskOrigin.Api));
        await SeedSourcesAsync();
        await SeedAlertsAsync();
        foreach (var json in new[] { AdminPipelineJson, """{"name":"bob-flow","owner":"bob","steps":[{"name":"only","handler":"noop"}]}""" })
            await Engine.Client.ApplyPipelineAsync(ConfigLoader.ParsePipeline(json, "test", _ => null, handlers), TaskOrigin.Api);
    }

    /// <summary>The admin's pipeline: four noop steps, three <c>after</c> edges (extract → transform → load, extract → notify).</summary>
    public const string AdminPipelineName = "admin-etl";
    private const string AdminPipelineJson = """
        {"name":"admin-etl","description":"Extract, transform, load","cron":"0 4 * * *","steps":[
          {"name":"extract","handler":"noop"},
          {"name":"transform","handler":"noop","after":["extract"],"timeout":"5m"},
          {"name":"load","handler":"noop","after":["transform"]},
          {"name":"notify","handler":"noop","after":["extract"],"continue_on_failure":true}]}
        """;

    /// <summary>An alert configuration (webhook with a literal secret, Slack) with one firing rule and one recorded delivery.</summary>
    private async Task SeedAlertsAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var config = Rota.Configuration.ConfigLoader.ParseAlerts($$$"""
            {"channels": {"hook": {"type": "webhook", "url": "{{{AlertReceiver.Url("/hook")}}}", "secret": "{{{AlertSecret}}}"},
                          "chat": {"type": "slack", "url": "https://hooks.slack.com/services/T0/B0/SLACKSECRET"}},
             "rules": [{"name": "failures", "kind": "run_failed", "channels": ["hook", "chat"], "repeat": "1h"},
                       {"name": "new-urls", "kind": "stat_out_of_range", "task": "airtable-sync", "stat": "new_urls", "min": 0, "max": 50, "channels": ["hook"]},
                       {"name": "crawl-done", "kind": "crawl_completed", "channels": ["hook"]}]}
            """, "test");
        await Store.AlertConfigSet(new AlertConfigSetParams(Rota.Alerts.AlertConfigJson.Serialize(config), now));
        await Store.AlertStateFire(new AlertStateFireParams("failures", "task:admin-report", now.AddMinutes(-10)));
        var id = await Store.AlertDeliveryInsert(new AlertDeliveryInsertParams("failures", "chat", "task:admin-report", "fired", "[Rota Alert] admin-report failed", now.AddMinutes(-10)));
        await Store.AlertDeliveryUpdate(new AlertDeliveryUpdateParams(id, AlertDeliveryValues.Failed, 3, "slack: HTTP 404", null));
    }

    private async Task SeedSourcesAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var ok = await Store.SourceUpsert(new SourceUpsertParams("admin", "Example engineering blog", "feed", "https://blog.example/feed.xml",
            "https://blog.example/feed.xml", "blog.example/feed.xml", 3600, now));
        AdminSourceId = ok.Id;
        await Store.ItemUpsertMany(new ItemUpsertManyParams(ok.Id,
            [.. Enumerable.Range(1, 3).Select(i => new ItemWrite($"post-{i}", $"https://blog.example/posts/{i}", $"Post number {i}", "Ada", "Summary", null, now.AddHours(-i)))], now));
        var log = await Store.CrawlLogStart(new CrawlLogStartParams("admin", ok.Id, null, "scheduled", now.AddMinutes(-1)));
        await Store.CrawlLogFinish(new CrawlLogFinishParams(log, "success", 3, 3, null, null, 420, now));
        await Store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(ok.Id, SourceStatus.Active, false, null, null, null, null, null, now.AddHours(1), 3600, now));
        var bad = await Store.SourceUpsert(new SourceUpsertParams("admin", "Flaky podcast", "feed", "https://flaky.example/rss",
            "https://flaky.example/rss", "flaky.example/rss", 3600, now));
        AdminFailingSourceId = bad.Id;
        var badLog = await Store.CrawlLogStart(new CrawlLogStartParams("admin", bad.Id, null, "scheduled", now.AddMinutes(-2)));
        await Store.CrawlLogFinish(new CrawlLogFinishParams(badLog, "failed", 0, 0, "fetch: HTTP 503 from flaky.example", null, 120, now));
        await Store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(bad.Id, SourceStatus.Error, true, "fetch.http_status", "fetch: HTTP 503 from flaky.example", true,
            null, null, now.AddMinutes(5), 3600, now));
    }

    private async ValueTask<TaskOutcome> GatedProgressAsync(TaskContext context)
    {
        context.ReportProgress(0, "waiting for the test");
        context.Log("started");
        await ProgressGate.WaitAsync(context.CancellationToken);
        for (var p = 25; p <= 100; p += 25)
        {
            context.ReportProgress(p, $"step {p / 25} of 4");
            await Task.Yield();
        }
        context.Log("done");
        return TaskOutcome.Success(new JsonObject { ["steps"] = 4 });
    }

    private async ValueTask<TaskOutcome> SleepAsync(TaskContext context)
    {
        SleeperStarted.TrySetResult(context.RunId);
        await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        return TaskOutcome.Success();
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotDirectory"/> (a page state only a test reaches).</summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>A fresh browser context (own cookies), optionally with a theme cookie already set.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? theme = null, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = bypassCsp });
        context.SetDefaultTimeout(15_000);
        if (theme is not null)
            await context.AddCookiesAsync([new Cookie { Name = "rota_theme", Value = theme, Url = BaseUrl }]);
        return context;
    }

    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessionLock = new(1, 1);

    /// <summary>A browser context already signed in as <paramref name="user"/> (the form is used once per user, then the
    /// session cookie is reused: password hashing is deliberately slow), with a page on the overview.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string user, string? theme = null, bool bypassCsp = false, bool javaScript = true)
    {
        await _sessionLock.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(user, out var state))
            {
                await using var first = await NewContextAsync();
                await SignInAsync(first, user, user switch { "admin" => AdminPassword, "alice" => AlicePassword, "carol" => CarolPassword, _ => BobPassword });
                _sessions[user] = state = await first.StorageStateAsync();
            }
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = BaseUrl, StorageState = state, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                // Only the axe-core checks bypass the page's Content-Security-Policy, to inject the checker.
                BypassCSP = bypassCsp,
                JavaScriptEnabled = javaScript,
            });
            context.SetDefaultTimeout(15_000);
            if (theme is not null) await context.AddCookiesAsync([new Cookie { Name = "rota_theme", Value = theme, Url = BaseUrl }]);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            return (context, page);
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Signs in through the login form and waits for the overview.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Username").FillAsync(user);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_alertReceiver is not null) await _alertReceiver.DisposeAsync();
        ProgressGate.Dispose();
        _sessionLock.Dispose();
        _dir.Dispose();
    }
}

using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rota.Alerts;
using Rota.Crawler;
using Rota.Hosting;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Storage.Postgres;
using Rota.Storage.Sqlite;

namespace Rota.Cli.Commands;

/// <summary><c>rota serve</c>: host the engine until Ctrl+C / SIGTERM, then shut down gracefully.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext ctx)
    {
        var node = new Option<string?>("--node") { Description = "Node name (default host-pid)" };
        var urls = new Option<string?>("--urls") { Description = "Where the API and dashboard listen (default http://localhost:5080; env ROTA_URLS)" };
        var allowCommands = new Option<bool>("--allow-command-tasks") { Description = "Let admins create command tasks through the API" };
        var serve = new Command("serve", "Run schedules, execute work, and serve the API and dashboard until stopped (Ctrl+C)") { node, urls, allowCommands };
        serve.SetAction(async (p, ct) =>
        {
            // Validate the config before anything touches the disk: a bad file leaves no data folder, lock or database behind.
            var configPath = CliContext.ConfigPath(p);
            var doc = configPath is null ? null : ConfigApplier.Load(configPath, ctx.ExtendRota);
            // The crawler: section under ROTA_CRAWLER_* variables; every bad setting is reported before anything starts.
            var crawlerOptions = Rota.Crawler.Crawling.CrawlerSettingsResolver.FromProcess(doc?.Crawler);
            var store = StoreChoice.From(p);
            var db = Path.GetFullPath(store.DbPath);
            // SQLite: one serve per file. PostgreSQL: any number of nodes share the database.
            using var dbLock = store.IsPostgres ? null : CreateAndLock(db);
            if (store.IsPostgres) await StoreWait.UntilReachableAsync(store, ctx.Error, EnvDuration("ROTA_STORE_WAIT"), ct);

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            var schedulerEnabled = !string.Equals(Environment.GetEnvironmentVariable("ROTA_SCHEDULER_ENABLED"), "false", StringComparison.OrdinalIgnoreCase);
            RotaOptions? options = null;
            var rota = builder.Services.AddRota(o =>
            {
                o.SchedulerEnabled = schedulerEnabled;
                if (p.GetValue(node) is { Length: > 0 } n) o.NodeName = n;
                o.PollInterval = EnvDuration("ROTA_POLL_INTERVAL") ?? o.PollInterval;
                o.ListeningPollInterval = EnvDuration("ROTA_LISTENING_POLL_INTERVAL") ?? o.ListeningPollInterval;
                o.HeartbeatInterval = EnvDuration("ROTA_HEARTBEAT_INTERVAL") ?? o.HeartbeatInterval;
                o.LeaseDuration = EnvDuration("ROTA_LEASE_DURATION") ?? o.LeaseDuration;
                // Queue priorities from rota.yaml; ROTA_MAX_CONCURRENCY caps this node's runs across queues so they matter.
                foreach (var q in doc?.Queues ?? []) o.QueuePriorities[q.Name] = q.Priority;
                if (Environment.GetEnvironmentVariable("ROTA_MAX_CONCURRENCY") is { Length: > 0 } cap)
                    o.MaxConcurrency = int.TryParse(cap, System.Globalization.CultureInfo.InvariantCulture, out var slots) && slots > 0 ? slots
                        : throw new RotaException("serve.bad_setting", $"serve: ROTA_MAX_CONCURRENCY '{cap}' must be a positive integer");
                options = o;
            });
            // Off behind a transaction-pooling proxy (PgBouncer), which does not keep LISTEN sessions.
            var notifications = !string.Equals(Environment.GetEnvironmentVariable("ROTA_NOTIFICATIONS"), "off", StringComparison.OrdinalIgnoreCase);
            if (store.IsPostgres) rota.UsePostgres(store.Connection!, store.Schema, notifications: notifications);
            else rota.UseSqlite(db);
            rota.UseCrawler(crawlerOptions);
            ctx.ExtendRota?.Invoke(rota);
            // Alert rules come from the store (rota apply, --config, PUT /api/v1/alerts); the leader evaluates the time-based ones.
            rota.UseAlerts(o =>
            {
                o.AllowLoopback = EnvTrue("ROTA_ALERTS_ALLOW_LOOPBACK");
                o.AllowPrivateNetworks = EnvTrue("ROTA_ALERTS_ALLOW_PRIVATE_NETWORKS");
                o.EvaluationInterval = EnvDuration("ROTA_ALERTS_INTERVAL") ?? o.EvaluationInterval;
            });
            builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options!.ShutdownGrace + TimeSpan.FromSeconds(10));
            builder.AddRotaServer(o =>
            {
                o.Urls = p.GetValue(urls) ?? Environment.GetEnvironmentVariable("ROTA_URLS") ?? o.Urls;
                o.AllowCommandTasks = p.GetValue(allowCommands);
                if (Environment.GetEnvironmentVariable("ROTA_TRIGGER_PERMITS_PER_MINUTE") is { Length: > 0 } permits)
                    o.TriggerPermitsPerMinute = int.TryParse(permits, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                        : throw new RotaException("serve.bad_setting", $"serve: ROTA_TRIGGER_PERMITS_PER_MINUTE '{permits}' must be a positive integer");
                o.TokenCacheTtl = EnvDuration("ROTA_TOKEN_CACHE") ?? o.TokenCacheTtl;
                if (Environment.GetEnvironmentVariable("ROTA_API_READ_CONCURRENCY") is { Length: > 0 } reads)
                    o.MaxConcurrentApiReads = int.TryParse(reads, System.Globalization.CultureInfo.InvariantCulture, out var r) && r >= 0 ? r
                        : throw new RotaException("serve.bad_setting", $"serve: ROTA_API_READ_CONCURRENCY '{reads}' must be 0 (no limit) or a positive integer");
                o.MetricsRequireToken = string.Equals(Environment.GetEnvironmentVariable("ROTA_METRICS_REQUIRE_TOKEN"), "true", StringComparison.OrdinalIgnoreCase);
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            await using var host = builder.Build();
            host.MapRotaServer();

            var engine = host.Services.GetRequiredService<RotaEngine>();
            var tasks = 0;
            if (doc is not null)
            {
                await ConfigApplier.ApplyAsync(doc, engine.Client, dryRun: false, ct);
                tasks = doc.Tasks.Count;
            }
            var total = (await engine.Client.ListTasksAsync(ct)).Count;
            var adminToken = await AdminBootstrap.EnsureAdminAsync(engine.Store, host.Services.GetRequiredService<UserAccounts>(), ct);
            await host.StartAsync(ct);
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            ctx.Out.WriteLine($"rota: serving {store.Describe()} — {total} task(s) ({tasks} from {configPath ?? "no config file"}), scheduler {(schedulerEnabled ? "on" : "OFF (ROTA_SCHEDULER_ENABLED=false)")}, node {options!.NodeName}. Ctrl+C stops.");
            ctx.Out.WriteLine($"rota: API on {string.Join(", ", addresses.Select(a => a + "/api/v1"))} (docs at /api/docs)");
            ctx.Out.WriteLine($"rota: dashboard on {string.Join(", ", addresses.Select(a => a + "/"))} (sign in with a password or an API token)");
            if (adminToken is not null)
                ctx.Out.WriteLine($"rota: first start — created user 'admin'. Its API token, shown only this once:\n    {adminToken}\n  use it as 'Authorization: Bearer <token>' or 'rota --server URL --token <token>'.");
            await host.WaitForShutdownAsync(ct);
            ctx.Out.WriteLine("rota: stopped");
            return ExitCodes.Ok;
        });
        return serve;
    }

    internal static bool EnvTrue(string name) => string.Equals(Environment.GetEnvironmentVariable(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A duration from the environment (<c>500ms</c>, <c>10s</c>, <c>1m</c>); null when unset.</summary>
    private static TimeSpan? EnvDuration(string name)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Rota.Configuration.DurationText.TryParse(text, out var value)
            ? value
            : throw new RotaException("cli.invalid_env", $"cli: {name}='{text}' is not a duration (e.g. 500ms, 10s, 1m)");
    }

    /// <summary>One <c>serve</c> per database file: an exclusive lock on <c>&lt;db&gt;.lock</c>, released by the OS if we die.</summary>
    private static FileStream CreateAndLock(string db)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        try
        {
            return new FileStream(db + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new RotaException("serve.locked", $"serve: another 'rota serve' is already using {db} (lock file {db}.lock)", inner: ex);
        }
    }
}

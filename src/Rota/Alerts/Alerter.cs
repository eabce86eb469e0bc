using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rota.Alerts.Channels;
using Rota.Configuration;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Alerts;

/// <summary>
/// Evaluates the stored alert rules and hands messages to the <see cref="AlertSender"/>. Run rules are evaluated as
/// this node's runs finish (<see cref="RotaEngine.RunChanged"/>); time-based rules every
/// <see cref="AlertOptions.EvaluationInterval"/> — by the leader only, except <c>store_unreachable</c> and
/// <c>scheduler_stopped</c>, which every node watches for itself. State per (rule, subject) lives in the store, and
/// firing is an atomic compare-and-set there, so one outage sends one message even when several nodes see it.
/// </summary>
public sealed partial class Alerter : IHostedService, IAsyncDisposable
{
    private readonly RotaEngine _engine;
    private readonly IRotaStore _store;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly AlertSender _sender;
    private readonly AlertChannelTester _tester;
    private readonly RunAlertRules _runRules;
    private readonly PeriodicAlertRules _periodic;
    private readonly ConcurrentDictionary<Task, byte> _evaluations = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private AlertConfig _config = AlertConfig.Empty;
    private string? _configDocument;

    public Alerter(RotaEngine engine, AlertOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _engine = engine;
        _store = engine.Store;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Rota.Alerts");
        _http = AlertChannelTester.CreateHttpClient(options);
        _tester = new AlertChannelTester(_store, options, time, _logger);
        _sender = new AlertSender(_store, new AlertChannelFactory(_http, time, options.SendTimeout), options, time, _logger);
        _runRules = new RunAlertRules(this);
        _periodic = new PeriodicAlertRules(this);
    }

    /// <summary>The configuration in force (read from the store at start and on every periodic pass).</summary>
    public AlertConfig Config => _config;

    internal RotaEngine Engine => _engine;
    internal IRotaStore Store => _store;
    internal TimeProvider Time => _time;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        _engine.RunChanged += OnRunChanged;
        if (_options.EvaluationInterval != Timeout.InfiniteTimeSpan) _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _engine.RunChanged -= OnRunChanged;
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await WhenIdleAsync().ConfigureAwait(false);
        await _sender.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _http.Dispose();
        _tester.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Re-reads the stored configuration when it changed. A stored document that no longer validates (a
    /// newer version wrote it) keeps the previous configuration and logs why.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var row = await _store.AlertConfigGet(ct).ConfigureAwait(false);
        if (row is null || row.Document == _configDocument) return;
        try
        {
            _config = ConfigLoader.ParseAlerts(row.Document, "stored alert configuration");
            _configDocument = row.Document;
        }
        catch (ConfigValidationException ex) { LogBadConfig(ex.Message); }
    }

    /// <summary>One evaluation of the time-based rules now (the background loop does this every interval).</summary>
    public Task EvaluateAsync(CancellationToken ct = default) => _periodic.EvaluateAsync(_config, _engine.IsLeader, ct);

    /// <summary>Waits until run evaluations and deliveries started so far are done (tests; shutdown).</summary>
    public async Task WhenIdleAsync()
    {
        while (_evaluations.Keys.ToList() is { Count: > 0 } pending)
            await Task.WhenAll(pending).ConfigureAwait(false);
        await _sender.WhenIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Deliveries sent while the store was down whose outcome is not recorded yet (kept in memory).</summary>
    public int UnrecordedDeliveries => _sender.UnrecordedCount;

    /// <summary>Records what was sent while the store was down, once it is back.</summary>
    internal Task RecordBacklogAsync(CancellationToken ct) => _sender.RecordBacklogAsync(ct);

    /// <summary>Sends a test message through a configured channel and waits for the delivery's outcome.</summary>
    public Task<AlertDeliveryRow> TestChannelAsync(string channel, CancellationToken ct = default) => _tester.SendAsync(channel, _engine.NodeName, ct);

    /// <summary>A firing signal for (rule, subject): sends when the store says a message is due.</summary>
    internal async Task FireAsync(AlertRule rule, string subjectKey, Dictionary<string, string> values, CancellationToken ct)
    {
        if (!await _store.AlertStateFire(new AlertStateFireParams(rule.Name, subjectKey, _time.GetUtcNow(), rule.Repeat), ct).ConfigureAwait(false)) return;
        await SendAsync(rule, subjectKey, firing: true, values).ConfigureAwait(false);
    }

    /// <summary>A healthy signal for (rule, subject): sends a resolved message when it was firing.</summary>
    internal async Task ResolveAsync(AlertRule rule, string subjectKey, Dictionary<string, string> values, AlertStateRow? firing, CancellationToken ct)
    {
        firing ??= (await _store.AlertStateList(new AlertStateListParams(rule.Name, AlertStateStatus.Firing), ct).ConfigureAwait(false))
            .FirstOrDefault(s => s.SubjectKey == subjectKey);
        if (firing is null) return;
        if (!await _store.AlertStateResolve(new AlertStateResolveParams(rule.Name, subjectKey, _time.GetUtcNow()), ct).ConfigureAwait(false)) return;
        values["since"] = AlertWording.Time(firing.Since);
        values["count"] = firing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(rule, subjectKey, firing: false, values).ConfigureAwait(false);
    }

    /// <summary>A notice rule's event: one message, no state (never grouped, never resolved).</summary>
    internal Task NotifyAsync(AlertRule rule, string subjectKey, Dictionary<string, string> values, System.Text.Json.Nodes.JsonObject data) =>
        SendAsync(rule, subjectKey, firing: true, values, data);

    /// <summary>Renders the rule's message and queues one delivery per channel.</summary>
    internal async Task SendAsync(AlertRule rule, string subjectKey, bool firing, Dictionary<string, string> values, System.Text.Json.Nodes.JsonObject? data = null)
    {
        var now = _time.GetUtcNow();
        values["rule"] = rule.Name;
        values["kind"] = AlertKindNames.Name(rule.Kind);
        values["state"] = firing ? AlertDeliveryValues.Fired : AlertDeliveryValues.Resolved;
        values["subject_key"] = subjectKey;
        values["time"] = AlertWording.Time(now);
        values.TryAdd("system", AlertDefaults.System(rule.Kind));
        values.TryAdd("advice", AlertDefaults.Advice(rule.Kind));
        var (title, details) = AlertWording.For(rule.Kind, firing, values);
        values.TryAdd("title", title);
        values.TryAdd("details", details);
        var t = rule.Template;
        var notice = AlertDefaults.IsNotice(rule.Kind);
        var subject = AlertText.Render(firing ? t.Subject ?? (notice ? AlertDefaults.NoticeSubject : AlertDefaults.Subject) : t.ResolvedSubject ?? AlertDefaults.ResolvedSubject, values);
        var body = AlertText.Render(firing ? t.Body ?? (notice ? AlertDefaults.NoticeBody : AlertDefaults.Body) : t.ResolvedBody ?? AlertDefaults.ResolvedBody, values);
        var message = new AlertMessage(rule.Name, subjectKey, values["state"], subject.ReplaceLineEndings(" "), body, values, now, data);
        foreach (var name in rule.Channels)
            if (_config.Channel(name) is { } channel) await _sender.EnqueueAsync(channel, message).ConfigureAwait(false);
    }

    private void OnRunChanged(RunEvent e)
    {
        if (e.Kind != RunEventKind.Finished || !e.Status.IsTerminal() || _config.Rules.Count == 0) return;
        var task = Task.Run(() => GuardAsync(() => _runRules.OnFinishedAsync(_config, e, _stopping.Token), "run " + e.RunId));
        _evaluations[task] = 0;
        _ = task.ContinueWith(t => _evaluations.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try { await Task.Delay(_options.EvaluationInterval, _time, stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            await GuardAsync(async () =>
            {
                if (!_engine.Health.IsDown) await ReloadAsync(stopping).ConfigureAwait(false);
                await EvaluateAsync(stopping).ConfigureAwait(false);
            }, "periodic").ConfigureAwait(false);
        }
    }

    private async Task GuardAsync(Func<Task> work, string what)
    {
        try { await work().ConfigureAwait(false); }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        catch (Exception ex) { LogEvaluationFailed(ex, what); }
    }

    [LoggerMessage(EventId = 9010, Level = LogLevel.Error, Message = "alerts: evaluation ({What}) failed; continuing")]
    private partial void LogEvaluationFailed(Exception ex, string what);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "alerts: the stored configuration is invalid; keeping the previous one: {Reason}")]
    private partial void LogBadConfig(string reason);
}

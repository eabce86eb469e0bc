using System.Text;
using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Tasks;

namespace Rota.Execution;

/// <summary>Everything a handler may use during one attempt.</summary>
public sealed class TaskContext
{
    internal const int MaxLogChars = 64 * 1024;
    private readonly StringBuilder _logs = new();
    private readonly Action<int?, string?> _onProgress;

    internal TaskContext(RunRecord run, TaskDefinition task, JsonObject parameters, IServiceProvider services,
        TimeProvider time, CancellationToken cancellation, Action<int?, string?> onProgress)
    {
        Run = run;
        Task = task;
        Parameters = parameters;
        Services = services;
        Time = time;
        CancellationToken = cancellation;
        _onProgress = onProgress;
    }

    /// <summary>Creates a context outside the engine, for unit-testing handlers.</summary>
    public static TaskContext ForTest(TaskDefinition task, JsonObject? parameters = null, IServiceProvider? services = null,
        TimeProvider? time = null, CancellationToken cancellation = default, Action<int?, string?>? onProgress = null) =>
        new(new RunRecord { Id = 1, TaskName = task.Name, Attempt = 1, MaxAttempts = task.Retry.MaxAttempts },
            task, parameters ?? task.Parameters, services ?? EmptyServices.Instance, time ?? TimeProvider.System,
            cancellation, onProgress ?? ((_, _) => { }));

    public RunRecord Run { get; }
    public TaskDefinition Task { get; }
    /// <summary>Task parameters merged with schedule and run parameters (run wins).</summary>
    public JsonObject Parameters { get; }
    public IServiceProvider Services { get; }
    public TimeProvider Time { get; }
    /// <summary>Signalled on timeout, cancellation request or shutdown.</summary>
    public CancellationToken CancellationToken { get; }
    public long RunId => Run.Id;
    public int Attempt => Run.Attempt;

    /// <summary>Reports progress (0–100, null to leave unchanged) and a short status text.</summary>
    public void ReportProgress(int? percent, string? text = null) =>
        _onProgress(percent is { } p ? Math.Clamp(p, 0, 100) : null, text);

    /// <summary>Appends a line to the run's log (bounded to 64 KiB; older lines are kept, the tail is dropped).</summary>
    public void Log(string line)
    {
        lock (_logs)
        {
            if (_logs.Length >= MaxLogChars) return;
            var stamp = Time.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
            _logs.Append(stamp).Append(' ').Append(line).Append('\n');
            if (_logs.Length > MaxLogChars)
            {
                _logs.Length = MaxLogChars;
                _logs.Append("\n[log truncated]\n");
            }
        }
    }

    internal string? TakeLogs()
    {
        lock (_logs) return _logs.Length == 0 ? null : _logs.ToString();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}

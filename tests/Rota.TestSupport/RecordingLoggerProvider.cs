using Microsoft.Extensions.Logging;

namespace Rota.TestSupport;

/// <summary>Keeps every log entry in memory so a test can assert on event ids (and print them on failure).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(int EventId, LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(int EventId, LogLevel Level, string Text)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);

    public string Dump() => string.Join('\n', Entries.Select(e => $"{e.Level} {e.EventId}: {e.Text}"));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (owner._entries) owner._entries.Add((eventId.Id, logLevel, $"[{category}] {formatter(state, exception)}"));
        }
    }
}

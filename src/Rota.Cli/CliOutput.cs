using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rota.Cli;

/// <summary>Renders results as Spectre tables for people or as JSON (snake_case, ISO 8601 UTC) for scripts.</summary>
public static class CliOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Output goes to terminals and scripts, never into HTML: keep '+', '<', '&', quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new UtcDateConverter() },
    };

    public static void WriteJson(TextWriter w, object? value) => w.WriteLine(JsonSerializer.Serialize(value, Json));

    public static IAnsiConsole Console(TextWriter w) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(w),
        Ansi = ReferenceEquals(w, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.No,
    });

    public static void WriteTable(TextWriter w, string[] headers, IEnumerable<string?[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers) table.AddColumn(new TableColumn(h));
        foreach (var r in rows) table.AddRow(r.Select(c => (IRenderable)new Text(c ?? "–")).ToArray());
        var console = Console(w);
        console.Profile.Width = 200;
        console.Write(table);
    }

    public static string When(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "–";

    /// <summary>An instant as a person near the machine reads it: local wall time with offset, and how far away it is.</summary>
    /// <summary>The "Last" cell of task and pipeline tables: status and local time of the last run, or a dash.</summary>
    public static string LastRun(string? status, DateTimeOffset? at, DateTimeOffset now, TimeZoneInfo zone) =>
        status is null ? "–" : $"{status} {Local(at, now, zone)}";

    /// <summary>The "State" cell of task and pipeline tables.</summary>
    public static string State(bool enabled, string? pausedReason) => enabled ? "enabled" : $"paused: {pausedReason}";

    public static string Local(DateTimeOffset? t, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (t is not { } v) return "–";
        var local = TimeZoneInfo.ConvertTime(v, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        var delta = v - now;
        var away = delta >= TimeSpan.Zero ? $"in {Rough(delta)}" : $"{Rough(delta.Negate())} ago";
        return $"{local} ({away})";
    }

    /// <summary>Whole seconds, at most two units: <c>45s</c>, <c>4m10s</c>, <c>3h05m</c>, <c>2d4h</c>.</summary>
    public static string Rough(TimeSpan t) => t switch
    {
        { TotalMinutes: < 1 } => $"{(int)t.TotalSeconds}s",
        { TotalHours: < 1 } => $"{t.Minutes}m{t.Seconds:00}s",
        { TotalDays: < 1 } => $"{t.Hours}h{t.Minutes:00}m",
        _ => $"{(int)t.TotalDays}d{t.Hours}h",
    };

    public static string Span(TimeSpan? t) => t switch
    {
        null => "–",
        { TotalSeconds: < 1 } v => $"{v.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } v => $"{v.TotalSeconds:0.0} s",
        { TotalHours: < 1 } v => $"{v.Minutes}m{v.Seconds:00}s",
        var v => $"{(int)v.Value.TotalHours}h{v.Value.Minutes:00}m",
    };

    public static JsonNode? Node(JsonObject? o) => o?.DeepClone();

    private sealed class UtcDateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
    }
}

namespace Rota.Client.Models;

/// <summary>An alert rule as configured (durations as text, e.g. <c>24h</c>) with its subjects' states.</summary>
public sealed record AlertRuleInfo(string Name, string Kind, IReadOnlyList<string> Channels, bool? Enabled, string? Task, IReadOnlyList<string>? Tags,
    int? Count, string? Duration, string? Repeat, int Firing, IReadOnlyList<AlertStateInfo> States,
    string? Stat = null, double? Min = null, double? Max = null);

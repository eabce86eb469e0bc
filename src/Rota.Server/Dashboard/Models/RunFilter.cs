using Rota.Runs;

namespace Rota.Server.Dashboard.Models;

/// <summary>The run history's filters and cursor, as read from the query string.</summary>
public sealed record RunFilter(string? Task, RunStatus? Status, RunTrigger? Trigger, long? Cursor, int Limit = 25);

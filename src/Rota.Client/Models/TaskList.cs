namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/tasks</c>.</summary>
public sealed record TaskList(IReadOnlyList<TaskInfo> Tasks, int Count);

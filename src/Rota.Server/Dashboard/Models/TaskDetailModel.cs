using Rota.Runs;
using Rota.Scheduling;
using Rota.Server.Endpoints;
using Rota.Storage;

namespace Rota.Server.Dashboard.Models;

/// <summary>Everything the task page shows: the task, its schedules, statistics, recent runs and upcoming fires.</summary>
public sealed record TaskDetailModel(TaskRow Task, IReadOnlyList<ScheduleRow> Schedules, TaskStats Stats, IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<(string Schedule, FireTime Fire)> Fires);

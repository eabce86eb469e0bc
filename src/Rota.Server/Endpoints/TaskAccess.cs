using Microsoft.AspNetCore.Http;
using Rota.Server.Auth;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>Finds a task the caller may see. Someone else's task answers 404, exactly like a missing one, so names of
/// other users' tasks do not leak.</summary>
public static class TaskAccess
{
    public static async Task<TaskRow> GetVisibleAsync(IRotaStore store, HttpContext http, string name)
    {
        var task = await store.TaskGet(name, http.RequestAborted);
        return task is not null && http.Caller().Owns(task.Definition.Owner) ? task : throw ApiProblem.NotFound("task", name);
    }

    public static async Task<TaskRow> GetVisibleAsync(IRotaStore store, HttpContext http, long id)
    {
        var task = await store.TaskGetById(id, http.RequestAborted);
        return task is not null && http.Caller().Owns(task.Definition.Owner) ? task : throw ApiProblem.NotFound("task", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.SemCatalogue;

/// <summary><c>sem-zero-sessions</c>: step 3. Reads session counts (<c>sessions_url</c>, <c>[{"url", "sessions"}]</c>,
/// the BigQuery stand-in; with <c>cache: true</c> the last answer saved in <c>sessions_cache_file</c> is used instead)
/// and finds active URLs with 0 sessions, matched with trailing slashes normalised. With <c>auto_update: true</c> they
/// are paused (seed 000's <c>--auto-update</c>); without it the step only reports them — a scheduled run has nobody to
/// answer the seed's confirmation prompt. Stats: <c>checked</c>, <c>zero_sessions</c>, <c>paused</c>, <c>auto_update</c>, <c>cache</c>.</summary>
public sealed class ZeroSessionsHandler(SemHttp http) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var p = context.Parameters;
        var catalogueFile = HandlerParameters.Text(p, "catalogue_file") ?? "sem-catalogue.json";
        var cacheFile = HandlerParameters.Text(p, "sessions_cache_file") ?? catalogueFile + ".sessions.json";
        var useCache = Flag(p, "cache");
        var autoUpdate = Flag(p, "auto_update");
        JsonArray sessions;
        if (useCache && File.Exists(cacheFile)) sessions = JsonNode.Parse(File.ReadAllText(cacheFile))!.AsArray();
        else
        {
            var source = SemSettings.Endpoint(p, "sessions_url", "SEM_SESSIONS_URL");
            sessions = await http.GetArrayAsync(source, "BigQuery", context.CancellationToken);
            File.WriteAllText(cacheFile, sessions.ToJsonString());
        }
        var catalogue = Catalogue.Load(catalogueFile);
        int zero = 0, paused = 0;
        foreach (var item in sessions)
        {
            if (item?["url"]?.GetValue<string>() is not { } url || item["sessions"]?.GetValue<int>() != 0) continue;
            if (catalogue.Find(url) is not { PageStatus: not "paused" } row) continue;
            zero++;
            if (autoUpdate) { row.PageStatus = "paused"; paused++; }
        }
        catalogue.Save();
        context.Log($"Zero sessions: {zero} active URLs with 0 sessions, {paused} paused{(autoUpdate ? "" : " (dry run: set auto_update=true to pause)")}");
        return TaskOutcome.Success(new JsonObject
        {
            ["checked"] = sessions.Count, ["zero_sessions"] = zero, ["paused"] = paused, ["auto_update"] = autoUpdate, ["cache"] = useCache,
        });
    }

    private static bool Flag(JsonObject p, string name) => p[name] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        var other => throw new RotaException("example.bad_parameters", $"parameter '{name}' must be true or false (value: {other.ToJsonString()})", isTransient: false),
    };
}

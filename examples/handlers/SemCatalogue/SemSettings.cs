using System.Text.Json.Nodes;

namespace Rota.Examples.SemCatalogue;

/// <summary>An endpoint parameter, or else the environment variable that holds it — as seed 000 keeps its Airtable,
/// crawler and BigQuery settings in the environment (<c>SEM_AIRTABLE_URL</c>, <c>SEM_CRAWLER_URL</c>, <c>SEM_SESSIONS_URL</c>).</summary>
public static class SemSettings
{
    public static string Endpoint(JsonObject p, string parameter, string variable) =>
        HandlerParameters.Text(p, parameter) ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v
            : throw new RotaException("example.bad_parameters", $"set parameter '{parameter}' or the environment variable {variable}", isTransient: false));
}

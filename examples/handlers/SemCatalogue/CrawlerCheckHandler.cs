using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.SemCatalogue;

/// <summary><c>sem-crawler-check</c>: step 2. Reads the URLs the crawler reports as updated (<c>crawler_url</c>,
/// <c>[{"url"}]</c>) and marks the known ones for re-cataloguing. Stats: <c>updated_urls</c>, <c>marked</c>,
/// <c>unknown</c>. The crawler API failing fails the step (transient).</summary>
public sealed class CrawlerCheckHandler(SemHttp http) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var p = context.Parameters;
        var source = SemSettings.Endpoint(p, "crawler_url", "SEM_CRAWLER_URL");
        var catalogue = Catalogue.Load(HandlerParameters.Text(p, "catalogue_file") ?? "sem-catalogue.json");
        var updated = await http.GetArrayAsync(source, "crawler API", context.CancellationToken);
        int marked = 0, unknown = 0;
        foreach (var item in updated)
        {
            if (item?["url"]?.GetValue<string>() is not { } url) continue;
            if (catalogue.Find(url) is { } row) { row.NeedsCataloguing = true; row.Catalogued = false; marked++; }
            else unknown++;
        }
        catalogue.Save();
        context.Log($"Crawler check: {updated.Count} updated URLs, {marked} marked for re-cataloguing");
        return TaskOutcome.Success(new JsonObject { ["updated_urls"] = updated.Count, ["marked"] = marked, ["unknown"] = unknown });
    }
}

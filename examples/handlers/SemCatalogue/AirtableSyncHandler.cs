using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.SemCatalogue;

/// <summary><c>sem-airtable-sync</c>: step 1. Reads the records at <c>airtable_url</c> (<c>[{"url", "page_status"}]</c>),
/// adds new URLs and updates page statuses. Stats: <c>records</c>, <c>new_urls</c>, <c>status_updates</c>.</summary>
public sealed class AirtableSyncHandler(SemHttp http) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var p = context.Parameters;
        var source = SemSettings.Endpoint(p, "airtable_url", "SEM_AIRTABLE_URL");
        var catalogue = Catalogue.Load(HandlerParameters.Text(p, "catalogue_file") ?? "sem-catalogue.json");
        var records = await http.GetArrayAsync(source, "Airtable", context.CancellationToken);
        int added = 0, updated = 0;
        foreach (var record in records)
        {
            if (record?["url"]?.GetValue<string>() is not { } url) continue;   // a record without a URL is not a page
            var status = record!["page_status"]?.GetValue<string>() ?? "active";
            var key = Catalogue.Key(url);
            if (!catalogue.Rows.TryGetValue(key, out var row))
            {
                catalogue.Rows[key] = new CatalogueEntry { Url = url, PageStatus = status };
                added++;
            }
            else if (row.PageStatus != status)
            {
                row.PageStatus = status;
                updated++;
            }
        }
        catalogue.Save();
        context.Log($"Airtable sync: {records.Count} records, {added} new URLs, {updated} status updates");
        return TaskOutcome.Success(new JsonObject { ["records"] = records.Count, ["new_urls"] = added, ["status_updates"] = updated });
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rota.Execution;

namespace Rota.Examples.SemCatalogue;

/// <summary><c>sem-llm-catalogue</c>: step 4. For at most <c>count</c> uncatalogued, not paused URLs whose status is
/// 0 (never fetched) or 200: fetches the page without following redirects. A 301/302 is recorded (status and target)
/// and skipped — not sent to the "LLM"; any other non-200 is recorded and skipped; a 200 is catalogued (the example's
/// deterministic stand-in for the LLM extracts the page title). Stats: <c>candidates</c>, <c>processed</c>,
/// <c>catalogued</c>, <c>redirects</c> (the URLs), <c>skipped</c>, <c>remaining</c>.</summary>
public sealed partial class LlmCatalogueHandler(SemHttp http) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var p = context.Parameters;
        var catalogue = Catalogue.Load(HandlerParameters.Text(p, "catalogue_file") ?? "sem-catalogue.json");
        var count = HandlerParameters.Int(p, "count", int.MaxValue, 1, int.MaxValue);
        var candidates = catalogue.Rows.Values
            .Where(r => !r.Catalogued && r.NeedsCataloguing && r.PageStatus != "paused" && r.StatusCode is 0 or 200)
            .OrderBy(r => r.Url, StringComparer.Ordinal).ToList();
        var batch = candidates.Take(count).ToList();
        var redirects = new JsonArray();
        int catalogued = 0, skipped = 0;
        foreach (var row in batch)
        {
            var (status, location, html) = await http.FetchPageAsync(row.Url, context.CancellationToken);
            row.StatusCode = status;
            row.RedirectTo = location;
            if (status == 200)
            {
                row.Title = TitleTag().Match(html ?? "") is { Success: true } m ? m.Groups[1].Value.Trim() : "";
                row.Catalogued = true;
                row.NeedsCataloguing = false;
                catalogued++;
                context.Log($"Catalogued {row.Url}: {row.Title}");
            }
            else
            {
                if (status is 301 or 302) redirects.Add(new JsonObject { ["url"] = row.Url, ["status"] = status, ["location"] = location });
                row.NeedsCataloguing = false;
                skipped++;
                context.Log($"Skipped {row.Url}: status {status}{(location is null ? "" : " -> " + location)}");
            }
        }
        catalogue.Save();
        return TaskOutcome.Success(new JsonObject
        {
            ["candidates"] = candidates.Count, ["processed"] = batch.Count, ["catalogued"] = catalogued, ["skipped"] = skipped,
            ["redirects"] = redirects, ["remaining"] = candidates.Count - batch.Count,
        });
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();
}

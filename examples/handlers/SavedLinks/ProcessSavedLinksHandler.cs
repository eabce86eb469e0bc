using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.SavedLinks;

/// <summary>
/// <c>process-saved-links</c>: seed 003's <c>process_links</c>. Reads <c>links_file</c> (one URL a line, <c>#</c>
/// comments), skips links already in <c>processed_file</c> (default <c>links_file</c> + <c>.processed</c>), processes
/// at most <c>limit</c> of them, pausing <c>pause_between_items</c> (default 15m) between items but not after the last.
/// Each item's outcome is a line in the processed file and an entry of the run's stats; the run is partial when some
/// item failed. <c>run_type</c> (morning / noon / night) is echoed in the stats.
/// </summary>
public sealed class ProcessSavedLinksHandler(LinkFetcher fetcher) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var p = context.Parameters;
        var linksFile = HandlerParameters.Text(p, "links_file")
            ?? throw new RotaException("example.bad_parameters", "parameter 'links_file' is required", isTransient: false);
        var processed = new ProcessedLinks(HandlerParameters.Text(p, "processed_file") ?? linksFile + ".processed");
        var pause = HandlerParameters.Duration(p, "pause_between_items", TimeSpan.FromMinutes(15));
        var limit = HandlerParameters.Int(p, "limit", int.MaxValue, 1, int.MaxValue);
        if (!File.Exists(linksFile))
            throw new RotaException("example.links_file_missing", $"links file '{Path.GetFullPath(linksFile)}' does not exist", isTransient: false);

        var done = processed.Read();
        var links = File.ReadLines(linksFile).Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !done.Contains(l)).Distinct().Take(limit).ToList();
        var items = new JsonArray();
        var succeeded = 0;
        var errors = new List<string>();
        if (links.Count == 0) context.Log("No new links to process.");
        for (var i = 0; i < links.Count; i++)
        {
            context.ReportProgress(i * 100 / links.Count, $"Processing link {i + 1}/{links.Count}: {links[i]}");
            var (status, error) = await fetcher.ProcessAsync(links[i], context.CancellationToken);
            var entry = new JsonObject
            {
                ["url"] = links[i], ["status"] = error is null ? "done" : "failed", ["http_status"] = status == 0 ? null : status,
                ["error"] = error, ["at"] = context.Time.GetUtcNow().ToString("O"),
            };
            processed.Append(entry);
            items.Add(entry.DeepClone());
            if (error is null) succeeded++;
            else errors.Add($"{links[i]}: {error}");
            context.Log(error is null ? $"Successfully processed: {links[i]}" : $"Failed to process: {links[i]} ({error})");
            if (i < links.Count - 1 && pause > TimeSpan.Zero)
            {
                context.Log($"Pausing for {Configuration.DurationText.Format(pause)} before processing the next item...");
                await Task.Delay(pause, context.Time, context.CancellationToken);
            }
        }
        var stats = new JsonObject
        {
            ["run_type"] = HandlerParameters.Text(p, "run_type"),
            ["items_total"] = links.Count, ["items_processed"] = succeeded, ["items_failed"] = errors.Count, ["items"] = items,
        };
        context.Log($"Completed processing {succeeded} out of {links.Count} links");
        return errors.Count == 0 ? TaskOutcome.Success(stats) : TaskOutcome.PartialSuccess(stats, errors);
    }
}

using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Configuration;
using Rota.Crawler.Crawling;
using Rota.Crawler.Rules;
using Rota.Crawler.Sources;
using Rota.Storage;

namespace Rota.Cli;

/// <summary>The <c>sources:</c> section of a configuration file: each source is added for its owner when missing (as
/// <c>rota source add</c> does, feed discovery included) and its crawl rules are set to the file's. Sources not in the
/// file are left alone. A source that cannot be added is reported, not fatal: the rest of the file still applies.</summary>
internal static class SourceConfigApplier
{
    /// <summary>The crawl rules check the configuration loader runs on every <c>sources[i].rules</c>.</summary>
    public static readonly SourceRulesCheck Check = rules => SourceRulesReader.Read(rules).Errors.Select(e => (e.Field, e.Value, e.Message));

    public static async Task<IReadOnlyList<ConfigApplier.Change>> ApplyAsync(RotaConfigDocument doc, IRotaStore store, TimeProvider time, bool dryRun, CancellationToken ct)
    {
        var changes = new List<ConfigApplier.Change>();
        if (doc.Sources.Count == 0) return changes;
        var options = CrawlerSettingsResolver.FromProcess(doc.Crawler);
        using var setup = new CrawlerSetup(store, time, options, allowLoopback: false);
        foreach (var s in doc.Sources)
        {
            var label = $"source {s.Input}" + (s.Owner is null ? "" : $" ({s.Owner})");
            changes.Add(new ConfigApplier.Change(label, dryRun ? await PreviewAsync(s, store, options, ct) : await ApplyOneAsync(s, setup, store, time, ct)));
        }
        return changes;
    }

    private static async Task<string> ApplyOneAsync(SourceDefinition s, CrawlerSetup setup, IRotaStore store, TimeProvider time, CancellationToken ct)
    {
        SourceAddResult added;
        try
        {
            SourceKind? kind = s.Kind is { } k ? Enum.Parse<SourceKind>(k.Replace("_", "", StringComparison.Ordinal), ignoreCase: true) : null;
            added = await setup.Registrar.AddAsync(s.Input, kind, s.Name, s.Owner, ct);
        }
        catch (Exception ex) when (ex is RotaException { Code: not "store.open_failed" } or ArgumentException)
        {
            return $"not added: {ex.Message}";
        }
        if (SameRules(added.Source.Rules, s.Rules)) return added.Created ? "created" : "unchanged";
        await store.SourceSetRules(new SourceSetRulesParams(added.Source.Id, s.Rules?.DeepClone().AsObject(), time.GetUtcNow()), ct);
        return added.Created ? "created" : "updated";
    }

    /// <summary>Dry run: what would happen to a source given by URL (a handle or page needing discovery shows as created).</summary>
    private static async Task<string> PreviewAsync(SourceDefinition s, IRotaStore store, CrawlerOptions options, CancellationToken ct)
    {
        if (!UrlNormalizer.TryNormalize(s.Input, out var normalized)) return "created";
        var existing = (await store.SourceList(new SourceListParams(s.Owner ?? options.DefaultOwner), ct)).FirstOrDefault(x => x.NormalizedUrl == normalized);
        return existing is null ? "created" : SameRules(existing.Rules, s.Rules) ? "unchanged" : "updated";
    }

    private static bool SameRules(JsonObject? stored, JsonObject? wanted) => JsonNode.DeepEquals(stored, wanted);
}

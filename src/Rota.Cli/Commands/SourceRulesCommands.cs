using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Crawler.Rules;
using Rota.Server.Endpoints;

namespace Rota.Cli.Commands;

/// <summary><c>rota source rules ID [--set RULES | --clear]</c> shows or replaces a source's crawl rules, and
/// <c>rota source items ID [--min-quality N]</c> lists its items with their quality (docs/crawler.md).</summary>
public static class SourceRulesCommands
{
    /// <summary>The <c>--rules</c> option of <c>source add</c>: JSON text, or <c>@FILE</c> holding it.</summary>
    public static Option<string?> RulesOption() =>
        new("--rules") { Description = "Crawl rules as JSON, or @FILE holding them (see docs/crawler.md: block, keep, rewrite, max_items, min_quality, user_agent, headers, full_content, selector)" };

    /// <summary>The rules object of <c>--rules</c>/<c>--set</c> (null: none), or <c>source.invalid_rules</c> saying why not.</summary>
    public static JsonObject? Read(string? value)
    {
        if (value is null) return null;
        var text = value.StartsWith('@') ? File.ReadAllText(value[1..]) : value;
        var (json, errors) = SourceRulesReader.Parse(text);
        return errors.Count == 0 ? json ?? []
            : throw new RotaException(SourceRulesInput.InvalidCode, string.Join("; ", errors), isTransient: false);
    }

    public static Command Rules(CliContext ctx)
    {
        var id = new Argument<long>("id") { Description = "The source's id (see 'rota source list')" };
        var set = new Option<string?>("--set") { Description = "Replace the rules: JSON, or @FILE holding it ({} clears them)" };
        var clear = new Option<bool>("--clear") { Description = "Remove every rule" };
        var json = new Option<bool>("--json") { Description = "Print the source as JSON" };
        var command = new Command("rules", "Show or replace a source's crawl rules (filters, rewrites, limits, headers, full content, min quality)")
        {
            id, set, clear, CrawlerSetup.OwnerOption, json,
        };
        command.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source rules", CrawlerSetup.OwnerOption) is { } refused) return refused;
            if (p.GetValue(set) is not null && p.GetValue(clear))
            {
                ctx.Fail("cli.usage", "source rules: give --set or --clear, not both");
                return ExitCodes.UsageError;
            }
            await using var backend = await ctx.OpenBackendAsync(p);
            var owner = p.GetValue(CrawlerSetup.OwnerOption);
            var source = p.GetValue(clear) ? await backend.SetSourceRulesAsync(p.GetValue(id), owner, null, ct)
                : p.GetValue(set) is { } text ? await backend.SetSourceRulesAsync(p.GetValue(id), owner, Read(text), ct)
                : await backend.GetSourceAsync(p.GetValue(id), owner, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, source);
            else if (source.Rules is null) ctx.Out.WriteLine($"source {source.Id}: no crawl rules");
            else
            {
                ctx.Out.WriteLine($"source {source.Id} ('{source.Name}') crawl rules:");
                ctx.Out.WriteLine(source.Rules.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Items(CliContext ctx)
    {
        var id = new Argument<long>("id") { Description = "The source's id (see 'rota source list')" };
        var minQuality = new Option<int?>("--min-quality") { Description = "Only items whose quality score (0-100) is at least this" };
        minQuality.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } v && v is < 0 or > 100) r.AddError($"--min-quality must be between 0 and 100, got {v}");
        });
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (1-500)", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var v && v is < 1 or > 500) r.AddError($"--limit must be between 1 and 500, got {v}");
        });
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("items", "List a source's newest items with their quality score") { id, minQuality, limit, CrawlerSetup.OwnerOption, json };
        command.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source items", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var items = await backend.ListSourceItemsAsync(p.GetValue(id), p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(minQuality), p.GetValue(limit), ct);
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, new { items, count = items.Count });
                return ExitCodes.Ok;
            }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Id", "Quality", "Published", "Title", "Url"], items.Select(i => new[]
            {
                i.Id.ToString(CultureInfo.InvariantCulture), i.Quality?.ToString(CultureInfo.InvariantCulture), CliOutput.Local(i.PublishedAt, now, ctx.LocalZone),
                i.Title, i.Url,
            }));
            return ExitCodes.Ok;
        });
        return command;
    }
}

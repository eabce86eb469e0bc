using System.CommandLine;
using Rota.Crawler.Opml;

namespace Rota.Cli.Commands;

/// <summary><c>rota source import-opml|export-opml</c>: on the store only — the file is on this machine, and the API has
/// no OPML routes, so with <c>--server</c> they refuse rather than touch a local database.</summary>
internal static class SourceOpmlCommands
{
    public static Command Import(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "An OPML subscription list" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var import = new Command("import-opml", "Add every feed of an OPML file the owner does not have yet (local store only)") { file, CrawlerSetup.OwnerOption, json };
        import.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Command(ctx, p, "source import-opml") is { } refused) return refused;
            await using var store = await ctx.OpenStoreAsync(p);
            using var setup = new CrawlerSetup(store, ctx.Time, CrawlerSetup.OptionsFor(p), false);
            await using var stream = File.OpenRead(p.GetValue(file)!);
            var result = await setup.Registrar.ImportOpmlAsync(stream, p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { added = result.Added, existing = result.Existing, invalid = result.Invalid });
            else
            {
                ctx.Out.WriteLine($"opml: {result.Added} added, {result.Existing} already present, {result.Invalid.Count} invalid");
                foreach (var line in result.Invalid) ctx.Out.WriteLine("  " + line);
            }
            return ExitCodes.Ok;
        });
        return import;
    }

    public static Command Export(CliContext ctx)
    {
        var file = new Argument<string?>("file") { Description = "Where to write (default: standard output)", Arity = ArgumentArity.ZeroOrOne };
        var export = new Command("export-opml", "Write the sources as an OPML 2.0 subscription list (local store only)") { file, CrawlerSetup.OwnerOption };
        export.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Command(ctx, p, "source export-opml") is { } refused) return refused;
            await using var store = await ctx.OpenStoreAsync(p);
            using var setup = new CrawlerSetup(store, ctx.Time, CrawlerSetup.OptionsFor(p), false);
            var outlines = await setup.Registrar.ExportOpmlAsync(p.GetValue(CrawlerSetup.OwnerOption), ct);
            using var buffer = new MemoryStream();
            OpmlDocument.Write(buffer, outlines, "Rota sources", ctx.Time.GetUtcNow());
            if (p.GetValue(file) is { } path)
            {
                await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
                ctx.Out.WriteLine($"opml: wrote {outlines.Count} source(s) to {path}");
            }
            else ctx.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return ExitCodes.Ok;
        });
        return export;
    }
}

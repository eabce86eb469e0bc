using System.CommandLine;
using System.Globalization;
using Rota.Scheduling;

namespace Rota.Cli.Commands;

/// <summary><c>rota cron explain|next</c>: understand an expression before scheduling it.</summary>
public static class CronCommands
{
    public static Command Create(CliContext ctx)
    {
        var cron = new Command("cron", "Explain a cron expression or list its next fire times");
        var explain = new Command("explain", "Describe a cron expression in plain English");
        var expr = new Argument<string>("expression") { Description = "5 fields, or 6 with seconds first; macros like @daily" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        explain.Arguments.Add(expr);
        explain.Options.Add(json);
        explain.SetAction(p =>
        {
            var text = p.GetValue(expr)!;
            var description = CronDescriber.Describe(text);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { expression = text, description });
            else ctx.Out.WriteLine(description);
            return ExitCodes.Ok;
        });

        var next = new Command("next", "List the next fire times, with DST notes");
        var expr2 = new Argument<string>("expression");
        var tz = new Option<string>("--tz") { Description = "IANA time zone (default UTC)", DefaultValueFactory = _ => "UTC" };
        var from = new Option<string?>("--from") { Description = "Start instant, ISO 8601 (default now)" };
        var count = new Option<int>("-n", "--count") { Description = "How many (default 10)", DefaultValueFactory = _ => 10 };
        var json2 = new Option<bool>("--json") { Description = "Print JSON: instants as ISO 8601 UTC" };
        next.Arguments.Add(expr2);
        next.Options.Add(tz);
        next.Options.Add(from);
        next.Options.Add(count);
        next.Options.Add(json2);
        next.SetAction(p =>
        {
            var start = p.GetValue(from) is { } f
                ? DateTimeOffset.TryParse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v
                    : throw new RotaException("cli.bad_instant", $"cron: --from '{f}' is not an ISO 8601 instant")
                : ctx.Time.GetUtcNow();
            var def = new ScheduleDefinition { Specs = [TriggerSpec.ForCron(p.GetValue(expr2)!)], TimeZone = p.GetValue(tz)! };
            var fires = FirePreview.Next(def, "cli", start, p.GetValue(count));
            if (p.GetValue(json2))
            {
                CliOutput.WriteJson(ctx.Out, fires.Select(x => new
                {
                    utc = x.Utc,
                    local = x.Local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    note = x.Note,
                }));
                return ExitCodes.Ok;
            }
            CliOutput.WriteTable(ctx.Out, ["UTC", $"Local ({def.TimeZone})", "Note"],
                fires.Select(x => new[] { CliOutput.When(x.Utc), x.Local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), x.Note }));
            return ExitCodes.Ok;
        });
        cron.Subcommands.Add(explain);
        cron.Subcommands.Add(next);
        return cron;
    }
}

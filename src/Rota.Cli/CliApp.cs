using System.CommandLine;
using Microsoft.Data.Sqlite;
using Rota.Cli.Commands;

namespace Rota.Cli;

/// <summary>The <c>rota</c> command line; <see cref="RunAsync"/> is also the in-process entry point for tests.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var ctx = new CliContext(stdout, stderr);
        var root = new RootCommand("Rota: scheduled crawling and background tasks. Every listing takes --json.");
        root.Options.Add(CliContext.DbOption);
        root.Options.Add(CliContext.ConfigOption);
        root.Subcommands.Add(ServeCommand.Create(ctx));
        root.Subcommands.Add(ApplyCommand.Create(ctx));
        root.Subcommands.Add(MigrateCommands.Create(ctx));
        root.Subcommands.Add(TaskCommands.Create(ctx));
        root.Subcommands.Add(RunCommands.Create(ctx));
        root.Subcommands.Add(CronCommands.Create(ctx));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) ctx.Fail("cli.usage", e.Message);
            stderr.WriteLine("Run 'rota --help' for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Configuration.ConfigValidationException ex)
        {
            ctx.Fail(ex.Code, ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (RotaException ex)
        {
            ctx.Fail(ex.Code, ex.Message);
            return ExitCodes.For(ex);
        }
        catch (SqliteException ex)
        {
            ctx.Fail("store.error", $"store: {ex.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}

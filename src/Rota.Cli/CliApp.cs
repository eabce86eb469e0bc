using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Data.Sqlite;
using Rota.Cli.Commands;

namespace Rota.Cli;

/// <summary>The <c>rota</c> command line; <see cref="RunAsync"/> is also the in-process entry point for tests.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, stdout, stderr, extendRota: null, ct);

    /// <summary>The same command line with the app's own handlers: <paramref name="extendRota"/> is called on the Rota
    /// builder of <c>serve</c> (register handlers and their services there) and on the one that lists the handler kinds
    /// <c>serve</c> and <c>apply</c> accept in a configuration file. A project that references Rota.Cli and calls this
    /// from its <c>Main</c> is <c>rota</c> with its handlers (examples/handlers).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<Hosting.RotaBuilder>? extendRota, CancellationToken ct = default)
    {
        var ctx = new CliContext(stdout, stderr) { ExtendRota = extendRota };
        var root = Root(ctx);
        // No response files: '@name' is a handle (rota source add @user@instance), never a file to expand.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in UsageErrors.Describe(parsed)) ctx.Fail("cli.usage", message);
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
        catch (Client.RotaApiException ex)
        {
            ctx.Fail(ex.Code, ex.Code == "auth.missing_token" ? ex.Detail + " (give --token T or set ROTA_TOKEN)" : ex.Detail);
            return ExitCodes.For(ex);
        }
        catch (Server.Problems.ApiProblem ex)
        {
            ctx.Fail(ex.Code, ex.Message); // local user/token commands validate names and passwords as the API does
            return ExitCodes.ForStatus(ex.Status);
        }
        catch (RotaException ex) when (ex.Code == "store.open_failed")
        {
            ctx.Fail("io.error", ex.Message); // the database file or its folder cannot be created, opened or written
            return ExitCodes.RuntimeError;
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ctx.Fail("io.error", $"io: {ex.Message}");
            return ExitCodes.RuntimeError;
        }
        catch (OperationCanceledException)
        {
            ctx.Fail("cli.interrupted", "rota: interrupted (a queued or running run is not cancelled by this)");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("ROTA_DEBUG") is not { Length: > 0 })
        {
            ctx.Fail("internal", $"rota: unexpected {ex.GetType().Name}: {ex.Message} (set ROTA_DEBUG=1 for the stack trace)");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>A plain <see cref="Command"/> named <c>rota</c>: a <see cref="RootCommand"/> takes its name from the
    /// executable, which is <c>Rota.Cli</c> when run through <c>dotnet</c>.</summary>
    internal static Command Root(CliContext ctx)
    {
        var root = new Command("rota", "Rota: scheduled crawling and background tasks. Every listing takes --json.")
        {
            new HelpOption(),
            new VersionOption(),
            CliContext.DbOption,
            CliContext.ConfigOption,
            StoreChoice.StoreOption,
            StoreChoice.ConnectionOption,
            StoreChoice.SchemaOption,
            CliContext.ServerOption,
            CliContext.TokenOption,
        };
        root.Subcommands.Add(ServeCommand.Create(ctx));
        root.Subcommands.Add(ApplyCommand.Create(ctx));
        root.Subcommands.Add(MigrateCommands.Create(ctx));
        root.Subcommands.Add(TaskCommands.Create(ctx));
        root.Subcommands.Add(RunCommands.Create(ctx));
        root.Subcommands.Add(PipelineCommands.Create(ctx));
        root.Subcommands.Add(CronCommands.Create(ctx));
        root.Subcommands.Add(FeedCommands.Create(ctx));
        root.Subcommands.Add(SourceCommands.Create(ctx));
        root.Subcommands.Add(CrawlCommands.Create(ctx));
        root.Subcommands.Add(NodeCommands.Create(ctx));
        root.Subcommands.Add(AlertCommands.Create(ctx));
        root.Subcommands.Add(UserCommands.Create(ctx));
        root.Subcommands.Add(TokenCommands.Create(ctx));
        return root;
    }
}

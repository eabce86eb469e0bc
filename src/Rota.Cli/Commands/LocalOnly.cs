using System.CommandLine;

namespace Rota.Cli.Commands;

/// <summary>Commands and options that act on this machine's store or crawler. With <c>--server</c> they are usage errors
/// (exit 2): ignoring them, or reading a local file the user meant for the server, would do something else than asked.</summary>
internal static class LocalOnly
{
    /// <summary>Null when <paramref name="p"/> is fine; otherwise reports which options the server cannot take and
    /// returns the usage exit code.</summary>
    public static int? Options(CliContext ctx, ParseResult p, string command, params Option[] options)
    {
        if (CliContext.ServerUrl(p) is null) return null;
        var given = options.Where(o => p.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        return given.Count == 0 ? null
            : Usage(ctx, $"{command}: {string.Join(", ", given)} only apply without --server (the server scopes to the token's user and decides how it crawls)");
    }

    /// <summary>Null without <c>--server</c>; otherwise a usage error saying the command is local-only.</summary>
    public static int? Command(CliContext ctx, ParseResult p, string command) =>
        CliContext.ServerUrl(p) is null ? null
            : Usage(ctx, $"{command} works on the local store only; run it without --server (and ROTA_SERVER) on the server's host");

    private static int Usage(CliContext ctx, string message)
    {
        ctx.Fail("cli.usage", message);
        ctx.Error.WriteLine("Run 'rota --help' for usage.");
        return ExitCodes.UsageError;
    }
}

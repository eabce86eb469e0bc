namespace Rota.Cli;

/// <summary>Process exit codes of <c>rota</c> (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeError = 1;
    public const int UsageError = 2;
    public const int NotFound = 3;
    public const int InvalidInput = 4;
    public const int RunFailed = 5;
    public const int RunCancelled = 6;

    /// <summary>Ctrl+C while a command was working (the shell convention 128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Maps an error code to an exit code: not found 3, invalid input 4, anything else 1.</summary>
    public static int For(RotaException ex) => ex.Code switch
    {
        var c when c.EndsWith(".not_found", StringComparison.Ordinal) => NotFound,
        var c when c.StartsWith("config.", StringComparison.Ordinal) || c.StartsWith("cron.", StringComparison.Ordinal)
            || c.StartsWith("schedule.", StringComparison.Ordinal) || c.StartsWith("value.", StringComparison.Ordinal)
            || c.StartsWith("preview.", StringComparison.Ordinal) || c.StartsWith("cli.", StringComparison.Ordinal) => InvalidInput,
        _ => RuntimeError,
    };
}

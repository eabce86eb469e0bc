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
    /// <summary>The server refused the token (401: missing, invalid, revoked, expired) or the action (403).</summary>
    public const int AuthFailed = 7;

    /// <summary>Ctrl+C while a command was working (the shell convention 128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Maps an error code to an exit code: not found 3, invalid input 4, anything else 1.</summary>
    public static int For(RotaException ex) => ex.Code switch
    {
        var c when c.EndsWith(".not_found", StringComparison.Ordinal) => NotFound,
        var c when c.StartsWith("config.", StringComparison.Ordinal) || c.StartsWith("cron.", StringComparison.Ordinal)
            || c.StartsWith("schedule.", StringComparison.Ordinal) || c.StartsWith("value.", StringComparison.Ordinal)
            || c.StartsWith("preview.", StringComparison.Ordinal) || c.StartsWith("cli.", StringComparison.Ordinal)
            || c == "crawler.bad_setting" || c == "source.invalid_rules" => InvalidInput,
        _ => RuntimeError,
    };

    /// <summary>A refusal from the server by its status; a malformed <c>--server</c> URL is invalid input.</summary>
    public static int For(Client.RotaApiException ex) => ex.Code == "client.bad_url" ? InvalidInput : ForStatus(ex.Status);

    /// <summary>Maps an HTTP status from the server (or the local account code, which uses the same statuses):
    /// 401/403 auth, 404 not found, 400/413/415/422 invalid input, anything else (unreachable, 409, 429, 5xx) 1.</summary>
    public static int ForStatus(int status) => status switch
    {
        401 or 403 => AuthFailed,
        404 => NotFound,
        400 or 413 or 415 or 422 => InvalidInput,
        _ => RuntimeError,
    };
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rota.Execution;
using Rota.Runs;
using Rota.Tasks;

namespace Rota.Handlers;

/// <summary>
/// The <c>command</c> handler: runs a program with arguments (never through a shell), environment and working
/// directory; records the exit code and bounded stdout/stderr. Allowed only for tasks from configuration files or code,
/// unless <see cref="RotaOptions.AllowCommandFromApi"/>. Parameters and stats: docs/handlers.md.
/// </summary>
public sealed class CommandTaskHandler(IOptions<RotaOptions> options) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        if (context.Task.Origin == TaskOrigin.Api && !options.Value.AllowCommandFromApi)
            return TaskOutcome.Fail(new RunError("command.not_allowed",
                $"command: task '{context.Task.Name}' was not defined in a configuration file and the server was not started with command tasks allowed from the API", IsTransient: false));
        var p = new HandlerParameters(context.Parameters, "command");
        var program = p.RequiredString("program");
        var limit = (int)Math.Min(p.Long("max_output_bytes", 64 * 1024, 1), 16 * 1024 * 1024);
        var okCodes = p.Raw("success_exit_codes") is null ? [0] : p.Strings("success_exit_codes").Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : throw p.Bad("success_exit_codes", "must list whole numbers", s)).ToHashSet();
        var timeout = p.Duration("timeout");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = p.String("working_dir") ?? Environment.CurrentDirectory,
        };
        foreach (var a in p.Strings("args")) start.ArgumentList.Add(a);
        foreach (var (k, v) in p.Map("env")) start.Environment[k] = v;
        start.Environment["ROTA_RUN_ID"] = context.RunId.ToString(CultureInfo.InvariantCulture);
        start.Environment["ROTA_ATTEMPT"] = context.Attempt.ToString(CultureInfo.InvariantCulture);
        start.Environment["ROTA_TASK"] = context.Task.Name;
        start.Environment["ROTA_NOMINAL_TIME"] = context.Run.NominalTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

        var stdout = new BoundedText(limit);
        var stderr = new BoundedText(limit);
        using var process = new Process { StartInfo = start };
        var started = context.Time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return TaskOutcome.Fail(new RunError("command.not_found", $"command: cannot start '{program}': {ex.Message}", IsTransient: false));
        }
        process.StandardInput.Close();
        context.Log($"command: started {program} {string.Join(' ', start.ArgumentList)} (pid {process.Id})");
        var readOut = Pump(process.StandardOutput, line =>
        {
            if (line.StartsWith("::progress ", StringComparison.Ordinal)) ReportProgress(context, line);
            else stdout.AppendLine(line);
        });
        var readErr = Pump(process.StandardError, stderr.AppendLine);

        using var timeoutCts = timeout is { } t ? new CancellationTokenSource(t, context.Time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, timeoutCts.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillTreeAsync(process).ConfigureAwait(false);
            context.Log($"command: killed {program} (pid {process.Id}) after {(timeoutCts.IsCancellationRequested ? "its timeout" : "cancellation")}");
            if (timeoutCts.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
                return TaskOutcome.Fail(new RunError("command.timeout", $"command: '{program}' did not finish within {timeout}", IsTransient: true), Stats(process, stdout, stderr, context, started));
            throw;
        }
        var stats = Stats(process, stdout, stderr, context, started);
        if (stdout.ToString() is { Length: > 0 } o) context.Log("stdout:\n" + o.TrimEnd());
        if (stderr.ToString() is { Length: > 0 } e) context.Log("stderr:\n" + e.TrimEnd());
        return okCodes.Contains(process.ExitCode)
            ? TaskOutcome.Success(stats)
            : TaskOutcome.Fail(new RunError("command.exit_code", $"command: '{program}' exited with code {process.ExitCode}", stderr.ToString().TrimEnd(), IsTransient: true), stats);
    }

    private static JsonObject Stats(Process process, BoundedText stdout, BoundedText stderr, TaskContext context, long started) => new()
    {
        ["exit_code"] = process.HasExited ? process.ExitCode : null,
        ["duration_ms"] = (long)context.Time.GetElapsedTime(started).TotalMilliseconds,
        ["stdout_tail"] = Tail(stdout.ToString()),
        ["stderr_tail"] = Tail(stderr.ToString()),
    };

    private static string Tail(string s) => s.Length <= 2048 ? s : s[^2048..];

    private static void ReportProgress(TaskContext context, string line)
    {
        var rest = line["::progress ".Length..].Trim();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var number = space < 0 ? rest : rest[..space];
        if (int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
            context.ReportProgress(percent, space < 0 ? null : rest[(space + 1)..]);
    }

    private static async Task Pump(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line) onLine(line);
    }

    /// <summary>Kills the process tree and waits (bounded) until the kernel reports it gone, so a cancelled run leaves nothing behind.</summary>
    private static async Task KillTreeAsync(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { return; }
        catch (Win32Exception) { }
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await process.WaitForExitAsync(bound.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}

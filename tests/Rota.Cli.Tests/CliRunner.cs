using System.Diagnostics;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>Runs <c>rota</c> commands against a database in a temp directory: <see cref="Run"/> in-process (fast),
/// <see cref="Exec"/> as the real built CLI in a child process (exit codes, program name, stderr as users see it).</summary>
public sealed class CliRunner : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Dir => _dir.Path;
    public string Db => _dir.File("rota.db");

    /// <summary>Extra environment for <see cref="Exec"/> (e.g. ROTA_SERVER, ROTA_TOKEN).</summary>
    public Dictionary<string, string> Env { get; } = [];

    /// <summary>Text written to the standard input of the next <see cref="Exec"/>; null leaves stdin alone.</summary>
    public string? Stdin { get; set; }

    public string Write(string name, string text)
    {
        File.WriteAllText(_dir.File(name), text);
        return _dir.File(name);
    }

    public async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--db", Db], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>dotnet Rota.Cli.dll ARGS</c> in <see cref="Dir"/> (no <c>--db</c> added) and waits for it.</summary>
    public async Task<(int Exit, string Out, string Err)> Exec(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = Stdin is not null, UseShellExecute = false };
        psi.ArgumentList.Add(RotaProcess.CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("ROTA_DB");
        psi.Environment.Remove("ROTA_CONFIG");
        psi.Environment.Remove("ROTA_SERVER");
        psi.Environment.Remove("ROTA_TOKEN");
        foreach (var (k, v) in Env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        if (Stdin is not null)
        {
            await process.StandardInput.WriteAsync(Stdin);
            process.StandardInput.Close();
            Stdin = null;
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rota {string.Join(' ', args)} did not exit within 60 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _dir.Dispose();
}

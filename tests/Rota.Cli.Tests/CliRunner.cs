using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>Runs <c>rota</c> commands in-process against a database in a temp directory.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Dir => _dir.Path;
    public string Db => _dir.File("rota.db");

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

    public void Dispose() => _dir.Dispose();
}

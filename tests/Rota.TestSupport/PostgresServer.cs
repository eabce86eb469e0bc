using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Rota.TestSupport;

/// <summary>
/// A private PostgreSQL server for one test (Debian binaries under /usr/lib/postgresql/*/bin): initdb into a temp
/// directory, started on a free loopback port that it keeps across <see cref="StopAsync"/> / <see cref="StartAsync"/>,
/// so a test can take the database away and bring it back. Runs the server as the <c>postgres</c> user when the test
/// runs as root. Fails loudly with the install command when the binaries are missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Missing = "PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb): run sudo apt-get update && sudo apt-get install -y postgresql";

    private readonly string _bin;
    private readonly string _dir;
    private bool _running;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>Creates the cluster and starts the server.</summary>
    public static async Task<PostgresServer> CreateAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException(Missing);
        var dir = Path.Combine(Path.GetTempPath(), "rota-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var server = new PostgresServer(bin, dir, FreePort());
        if (IsRoot) await Run("chown", "postgres", dir);
        await server.AsPostgres($"'{bin}/initdb' -D '{dir}/data' -A trust -U postgres >'{dir}/initdb.log' 2>&1");
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        // fsync off: the data is thrown away; the test is about the engine, not about durability of this server.
        await AsPostgres($"'{_bin}/pg_ctl' -D '{_dir}/data' -o '-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' -l '{_dir}/pg.log' -w -t 60 start >/dev/null");
        _running = true;
    }

    /// <summary>Stops the server (fast: open sessions are terminated, as when a database is restarted).</summary>
    public async Task StopAsync()
    {
        await AsPostgres($"'{_bin}/pg_ctl' -D '{_dir}/data' -m fast -w -t 60 stop >/dev/null");
        _running = false;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>The server log, for failure messages.</summary>
    public string Log => File.Exists(Path.Combine(_dir, "pg.log")) ? File.ReadAllText(Path.Combine(_dir, "pg.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try { await AsPostgres($"'{_bin}/pg_ctl' -D '{_dir}/data' -m immediate -w stop >/dev/null"); }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgres(string command) =>
        IsRoot ? Run("su", "postgres", "-s", "/bin/sh", "-c", command) : Run("/bin/sh", "-c", command);

    private static async Task Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Rota.TestSupport;

/// <summary>
/// A real SMTP server for one test: Debian's python3-aiosmtpd on a free loopback port, run by the small script
/// Smtp/smtp_test_server.py, storing every message it accepts in a Maildir. Plain SMTP by default; with
/// <see cref="SmtpTestOptions"/> STARTTLS (required) or implicit TLS with a certificate made by
/// <see cref="TestCertificate"/>, and AUTH for one user. Fails loudly with the install command when the package is missing.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Missing = "python3-aiosmtpd is missing (the alert e-mail tests run a real SMTP server): run sudo apt-get update && sudo apt-get install -y python3-aiosmtpd";

    private readonly Process _process;
    private readonly TempDirectory _dir;

    private SmtpTestServer(Process process, TempDirectory dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_test_server.py");

    private string NewMail => Path.Combine(_dir.Path, "new");

    /// <summary>The header the server prepends to each stored message: the authenticated user (empty when none).</summary>
    public const string AuthUserHeader = "X-Test-Auth-User";

    public static async Task<SmtpTestServer> StartAsync(SmtpTestOptions? options = null)
    {
        options ??= new SmtpTestOptions();
        if (!File.Exists(Python) || Run(Python, "-c \"import aiosmtpd\"") != 0) throw new InvalidOperationException(Missing);
        var dir = new TempDirectory();
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(dir.Path, sub));
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { Script, "--port", port.ToString(CultureInfo.InvariantCulture), "--maildir", dir.Path, "--mode", options.Mode },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (options.Certificate is { } cert)
            foreach (var arg in new[] { "--cert", cert.CertificatePath, "--key", cert.KeyPath }) start.ArgumentList.Add(arg);
        if (options.User is { } user)
            foreach (var arg in new[] { "--user", user, "--password", options.Password ?? "" }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp: could not start python3 -m aiosmtpd");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, dir, port);
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"smtp: {Script} exited at start with code {process.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"smtp: aiosmtpd did not listen on port {port} within 10 s");
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Directory.Exists(NewMail)
        ? Directory.GetFiles(NewMail).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(x => x.Time).ThenBy(x => x.File, StringComparer.Ordinal)
            .Select(x => MimeMessage.Load(x.File)).ToList()
        : [];

    /// <summary>Waits (real time: a server in another process) until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || Stopwatch.GetTimestamp() > until) return messages;
            await Task.Delay(20);
        }
    }

    /// <summary>A loopback port nothing listens on (for a "SMTP down" channel).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        p.WaitForExit();
        return p.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _dir.Dispose();
    }
}

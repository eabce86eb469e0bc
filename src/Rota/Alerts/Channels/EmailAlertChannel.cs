using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Rota.Alerts.Channels;

/// <summary>Sends the message as a plain-text e-mail over SMTP (MailKit): one connection per message, STARTTLS or
/// SSL on connect as configured, authenticated when a username is set. The server certificate must be trusted by the
/// system or, with <c>ca_file</c>, chain to one of that file's CAs; the host name is checked either way.</summary>
public sealed class EmailAlertChannel(AlertChannelConfig config, TimeSpan timeout) : IAlertChannel
{
    public async Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(config.From!));
        foreach (var to in config.To) mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        var (security, port) = config.Security switch
        {
            "none" => (SecureSocketOptions.None, 25),
            "ssl" => (SecureSocketOptions.SslOnConnect, 465),
            _ => (SecureSocketOptions.StartTls, 587),
        };
        var where = $"email: channel '{config.Name}' via {config.Host}:{config.Port ?? port}";
        var trust = new SmtpCertificateTrust(config.CaFile is { } file ? LoadCa(file, where) : null);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds, ServerCertificateValidationCallback = trust.Validate };
        try
        {
            await client.ConnectAsync(config.Host!, config.Port ?? port, security, ct).ConfigureAwait(false);
            if (config.Username is { } user)
            {
                var password = config.ResolvePassword()
                    ?? throw new AlertChannelException($"{where}: environment variable {config.PasswordEnv} is not set");
                await client.AuthenticateAsync(user, password, ct).ConfigureAwait(false);
            }
            await client.SendAsync(mail, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            throw new AlertChannelException($"{where}: the server refused the login of user '{config.Username}': {ex.Message}", ex,
                AlertChannelErrors.SmtpAuthFailed, isTransient: false);
        }
        catch (SslHandshakeException ex) when (trust.Rejected is { } why)
        {
            throw new AlertChannelException($"{where}: the server certificate is not trusted ({why})"
                + (config.CaFile is null ? "; set ca_file to the PEM file of the CA that issued it" : $"; it does not chain to a CA in {config.CaFile}"), ex,
                AlertChannelErrors.SmtpCertificateUntrusted, isTransient: false);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SslHandshakeException
            or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new AlertChannelException($"{where}: {ex.Message}", ex);
        }
    }

    private static X509Certificate2Collection LoadCa(string file, string where)
    {
        var cas = new X509Certificate2Collection();
        try { cas.ImportFromPemFile(file); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new AlertChannelException($"{where}: ca_file {file} cannot be read: {ex.Message}", ex, AlertChannelErrors.CaFileUnreadable, isTransient: false);
        }
        if (cas.Count == 0)
            throw new AlertChannelException($"{where}: ca_file {file} holds no PEM certificate", null, AlertChannelErrors.CaFileUnreadable, isTransient: false);
        return cas;
    }
}

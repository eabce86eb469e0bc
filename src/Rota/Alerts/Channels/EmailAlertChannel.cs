using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Rota.Alerts.Channels;

/// <summary>Sends the message as a plain-text e-mail over SMTP (MailKit): one connection per message, STARTTLS or
/// SSL on connect as configured, authenticated when a username is set.</summary>
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
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(config.Host!, config.Port ?? port, security, ct).ConfigureAwait(false);
            if (config.Username is { } user)
            {
                var password = config.ResolvePassword()
                    ?? throw new AlertChannelException($"email: channel '{config.Name}': environment variable {config.PasswordEnv} is not set");
                await client.AuthenticateAsync(user, password, ct).ConfigureAwait(false);
            }
            await client.SendAsync(mail, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
            or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new AlertChannelException($"email: channel '{config.Name}' via {config.Host}:{config.Port ?? port}: {ex.Message}", ex);
        }
    }
}

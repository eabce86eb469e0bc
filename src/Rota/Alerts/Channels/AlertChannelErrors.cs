namespace Rota.Alerts.Channels;

/// <summary>Stable error codes of failed deliveries; the recorded error reads <c>code: message</c>.</summary>
public static class AlertChannelErrors
{
    /// <summary>Anything retrying may fix: connection refused, timeout, a 5xx answer.</summary>
    public const string Failed = "alert.channel_failed";
    /// <summary>The SMTP server refused the username or password.</summary>
    public const string SmtpAuthFailed = "alert.smtp_auth_failed";
    /// <summary>The SMTP server's certificate is not trusted (unknown CA, wrong host name, expired).</summary>
    public const string SmtpCertificateUntrusted = "alert.smtp_certificate_untrusted";
    /// <summary>The channel's <c>ca_file</c> cannot be read as PEM certificates.</summary>
    public const string CaFileUnreadable = "alert.ca_file_unreadable";
}

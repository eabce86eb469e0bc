using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Rota.Alerts.Channels;

/// <summary>Certificate validation for one SMTP connection: the system's verdict, or a chain to one of
/// <paramref name="privateCas"/>; remembers why a certificate was rejected so the error can say so.</summary>
internal sealed class SmtpCertificateTrust(X509Certificate2Collection? privateCas)
{
    public string? Rejected { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return Reject("the server sent no certificate");
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return Reject($"{certificate.Subject} is not issued for this host name");
        if (privateCas is null) return Reject($"{certificate.Subject}: {ChainStatus(chain)}");
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(privateCas);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf) || Reject($"{certificate.Subject}: {ChainStatus(custom)}");
    }

    private bool Reject(string why)
    {
        Rejected = why;
        return false;
    }

    private static string ChainStatus(X509Chain? chain) => chain is { ChainStatus.Length: > 0 }
        ? string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct())
        : "the chain does not end at a trusted CA";
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rota.TestSupport;

/// <summary>A self-signed server certificate for 127.0.0.1 and localhost, written as PEM files (certificate and
/// PKCS#8 key) into a temporary directory: what a private CA's <c>ca_file</c> would hold, and what the test SMTP
/// server presents.</summary>
public sealed class TestCertificate : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TestCertificate(string commonName = "localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        // Real time, not the test clock: the TLS peer checks validity against the machine's clock.
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        CertificatePath = Path.Combine(_dir.Path, "cert.pem");
        KeyPath = Path.Combine(_dir.Path, "key.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath { get; }
    public string KeyPath { get; }

    public void Dispose() => _dir.Dispose();
}

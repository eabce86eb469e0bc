using System.Security.Cryptography;
using System.Text;

namespace Rota.Alerts.Channels;

/// <summary>
/// The <c>X-Rota-Signature</c> header of a webhook: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with
/// the channel's secret, of <c>{X-Rota-Timestamp}.{raw body}</c>. Signing the timestamp too lets a receiver refuse
/// replays of an old delivery (compare the timestamp with its clock).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Rota-Signature";
    public const string TimestampHeader = "X-Rota-Timestamp";

    public static string Compute(string secret, string timestamp, byte[] body)
    {
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, signed);
        signed[n] = (byte)'.';
        body.CopyTo(signed, n + 1);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Constant-time check of a received signature.</summary>
    public static bool Verify(string secret, string timestamp, byte[] body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}

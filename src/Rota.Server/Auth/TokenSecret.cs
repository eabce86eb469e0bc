using System.Security.Cryptography;
using System.Text;

namespace Rota.Server.Auth;

/// <summary>API token secrets: <c>rota_</c> + 40 random base62 characters (~238 bits). Only the SHA-256 hash is stored —
/// a secret this long needs no slow KDF — and the first 12 characters, so lists can show which token is which.</summary>
public static class TokenSecret
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const string Scheme = "rota_";
    public const int PrefixLength = 12;

    public static string Create() => Scheme + RandomNumberGenerator.GetString(Alphabet, 40);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Prefix(string secret) => secret[..Math.Min(PrefixLength, secret.Length)];
}

using System.Text;

namespace Rota.Handlers;

/// <summary>The first <c>limit</c> bytes of a response body, decoded as text when the media type is textual. Reading
/// stops at the limit, so a huge (or decompression-bomb) response costs no more than the limit.</summary>
internal sealed record HttpResponseCapture(int Bytes, bool Truncated, string? ContentType, string? Text)
{
    public static async Task<HttpResponseCapture> ReadAsync(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        var kept = new MemoryStream();
        var truncated = false;
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            while (await stream.ReadAsync(chunk, ct).ConfigureAwait(false) is var n and > 0)
            {
                var room = limit - (int)kept.Length;
                if (n > room)
                {
                    kept.Write(chunk, 0, room);
                    truncated = true;
                    break;
                }
                kept.Write(chunk, 0, n);
            }
        }
        var type = response.Content.Headers.ContentType;
        string? text = null;
        if (IsText(type?.MediaType))
        {
            text = Decoding(type?.CharSet).GetString(kept.GetBuffer(), 0, (int)kept.Length);
            if (truncated) text += $"\n[truncated: the response exceeded {limit} bytes]";
        }
        return new HttpResponseCapture((int)kept.Length, truncated, type?.ToString(), text);
    }

    private static bool IsText(string? mediaType) => mediaType is not null && (
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.ToLowerInvariant() is "application/json" or "application/xml" or "application/javascript"
            or "application/x-www-form-urlencoded" or "application/problem+json");

    private static Encoding Decoding(string? charset)
    {
        try { return charset is { Length: > 0 } ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8; }
        catch (ArgumentException) { return Encoding.UTF8; } // unknown charsets read as UTF-8, with replacement characters
    }
}

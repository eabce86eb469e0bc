using System.Text;

namespace Rota.Crawler.Parsing.Text;

/// <summary>Finds what a document says about its own encoding: a byte order mark, the byte pattern of
/// <c>&lt;?</c> in UTF-16/32 without a mark, and the XML declaration's <c>encoding</c>.</summary>
internal static class EncodingSniffer
{
    /// <summary>The encoding a BOM or the first bytes reveal (and the BOM length to skip), or null for ASCII-compatible.</summary>
    public static (string Name, int BomLength)? FromBytes(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return ("utf-8", 3);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return ("utf-32be", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return ("utf-32le", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return ("utf-16be", 2);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return ("utf-16le", 2);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x3C])) return ("utf-32be", 0);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x00, 0x00])) return ("utf-32le", 0);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C, 0x00, 0x3F])) return ("utf-16be", 0);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x3F, 0x00])) return ("utf-16le", 0);
        return null;
    }

    /// <summary>The <c>encoding</c> pseudo-attribute of an XML declaration at the start of <paramref name="head"/>.</summary>
    public static string? FromDeclaration(string head)
    {
        var start = head.IndexOf("<?xml", StringComparison.Ordinal);
        if (start < 0 || start > 8) return null;
        var end = head.IndexOf("?>", start, StringComparison.Ordinal);
        if (end < 0) return null;
        var decl = head.AsSpan(start, end - start);
        var at = decl.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = decl[(at + 8)..].TrimStart();
        if (rest.Length == 0 || rest[0] != '=') return null;
        rest = rest[1..].TrimStart();
        if (rest.Length == 0 || rest[0] is not ('"' or '\'')) return null;
        var close = rest[1..].IndexOf(rest[0]);
        return close <= 0 ? null : rest.Slice(1, close).Trim().ToString();
    }

    /// <summary>The declaration read as ASCII (enough for the pseudo-attributes), honouring a UTF-16/32 layout.</summary>
    public static string Head(ReadOnlySpan<byte> bytes, string? sniffed)
    {
        var slice = bytes[..Math.Min(bytes.Length, 512)];
        return sniffed switch
        {
            "utf-16be" => Encoding.BigEndianUnicode.GetString(slice),
            "utf-16le" => Encoding.Unicode.GetString(slice),
            "utf-32be" => new UTF32Encoding(true, false).GetString(slice),
            "utf-32le" => Encoding.UTF32.GetString(slice),
            _ => Encoding.Latin1.GetString(slice),
        };
    }
}

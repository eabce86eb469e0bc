using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Rota.Benchmarks.Dashboard;

/// <summary>One page measured the way a browser's first visit costs the server: sequential GETs over a warm keep-alive
/// connection, time to the last byte of the HTML (server time on loopback), and the page's weight — the HTML plus
/// every stylesheet, script and image it links from the same server, each counted once.</summary>
internal sealed partial class PageProbe(HttpClient http)
{
    public sealed record Result(string Url, int Status, double FirstMs, double P50Ms, double P95Ms, double MaxMs, long HtmlBytes, long AssetBytes, int Assets)
    {
        public long TotalBytes => HtmlBytes + AssetBytes;
    }

    public async Task<Result> MeasureAsync(string url, int samples)
    {
        // The first request after start pays JIT, cold caches and (for a large history) the first statistics read.
        var first = Stopwatch.StartNew();
        await GetAsync(url);
        var firstMs = first.Elapsed.TotalMilliseconds;
        for (var i = 0; i < 2; i++) await GetAsync(url);
        var times = new List<double>(samples);
        string html = "";
        var status = 0;
        for (var i = 0; i < samples; i++)
        {
            var sw = Stopwatch.StartNew();
            (status, html) = await GetAsync(url);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var assets = AssetLinks().Matches(html).Select(m => m.Groups["u"].Value)
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("http", StringComparison.Ordinal) || u.StartsWith(Origin(url), StringComparison.Ordinal))
            .Distinct().ToList();
        long assetBytes = 0;
        foreach (var a in assets)
        {
            using var r = await http.GetAsync(new Uri(new Uri(url), WebUtility.HtmlDecode(a)));
            if (r.IsSuccessStatusCode) assetBytes += (await r.Content.ReadAsByteArrayAsync()).LongLength;
        }
        return new Result(url, status, firstMs, At(times, 0.50), At(times, 0.95), times[^1], System.Text.Encoding.UTF8.GetByteCount(html), assetBytes, assets.Count);
    }

    private async Task<(int Status, string Html)> GetAsync(string url)
    {
        using var r = await http.GetAsync(url);
        return ((int)r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);

    private static double At(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex("""<(?:link[^>]+href|script[^>]+src|img[^>]+src)\s*=\s*["'](?<u>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetLinks();
}

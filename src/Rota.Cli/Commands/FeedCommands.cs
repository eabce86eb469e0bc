using System.CommandLine;
using System.Net;
using Rota.Crawler.Parsing;
using Rota.Net;

namespace Rota.Cli.Commands;

/// <summary><c>rota feed parse FILE|URL</c>: parse a feed and print the normalized document (docs/crawler.md).</summary>
public static class FeedCommands
{
    public static Command Create(CliContext ctx)
    {
        var feed = new Command("feed", "Work with RSS, Atom and JSON feeds");
        var parse = new Command("parse", "Parse a feed file or URL and print the normalized document as JSON");
        var source = new Argument<string>("file-or-url") { Description = "A local file, or an http(s) URL" };
        var format = new Option<string>("--format") { Description = "Output format: json (the only one, default)", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var allowLoopback = new Option<bool>("--allow-loopback") { Description = "Allow fetching from 127.0.0.1/::1 (refused by default, like every private address)" };
        parse.Arguments.Add(source);
        parse.Options.Add(format);
        parse.Options.Add(allowLoopback);
        parse.SetAction(async (p, ct) =>
        {
            var target = p.GetValue(source)!;
            var (bytes, options) = IsUrl(target)
                ? await FetchAsync(new Uri(target), p.GetValue(allowLoopback), ct)
                : (await File.ReadAllBytesAsync(target, ct), FeedParseOptions.Default);
            var document = FeedParser.Parse(bytes, options);
            CliOutput.WriteJson(ctx.Out, FeedJsonView.Of(document));
            return ExitCodes.Ok;
        });
        feed.Subcommands.Add(parse);
        return feed;
    }

    private static bool IsUrl(string s) => s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>One guarded GET (redirects followed up to 5 hops, each re-vetted by the guard at connect time).</summary>
    private static async Task<(byte[], FeedParseOptions)> FetchAsync(Uri url, bool allowLoopback, CancellationToken ct)
    {
        var guard = new OutboundAddressGuard(false, allowLoopback ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : null);
        using var client = new HttpClient(GuardedHttpHandlerFactory.Create(guard)) { Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Rota/1.0 (+feed parse)");
        for (var hop = 0; ; hop++)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url, ct);
            }
            catch (HttpRequestException ex) when (ex.InnerException is AddressBlockedException blocked)
            {
                throw new RotaException("net.address_blocked", blocked.Message);
            }
            catch (HttpRequestException ex)
            {
                throw new RotaException("http.unreachable", $"http: GET {url} failed: {ex.Message}", isTransient: true);
            }
            using (response)
            {
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next && hop < 5)
                {
                    url = new Uri(url, next);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw new RotaException($"http.status_{(int)response.StatusCode}", $"http: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                return (body, new FeedParseOptions
                {
                    BaseUri = response.Content.Headers.ContentLocation is { } loc ? new Uri(url, loc) : url,
                    ContentType = response.Content.Headers.ContentType?.ToString(),
                    DefaultLanguage = response.Content.Headers.ContentLanguage.FirstOrDefault(),
                });
            }
        }
    }
}

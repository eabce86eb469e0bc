namespace Rota.Crawler.Parsing;

/// <summary>The input is not a feed the parser can read at all. Codes: <c>feed.empty</c>,
/// <c>feed.format_not_detected</c> (HTML page, binary, unknown XML/JSON), <c>feed.unreadable</c> (no element could
/// be read). Never transient: the same bytes fail the same way.</summary>
public sealed class FeedParseException(string code, string message, Exception? inner = null)
    : RotaException(code, message, isTransient: false, inner);

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// What survives sanitizing: the element, attribute and CSS allowlists of Python feedparser's sanitizer (BSD-2,
/// restated as data), so feed HTML keeps the same formatting it keeps there, and scripts, event handlers, frames,
/// objects and <c>javascript:</c> URLs never do.
/// </summary>
internal static class FeedHtmlAllowlist
{
    public static readonly string[] Elements =
    [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist", "dd", "del",
        "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
        "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd",
        "keygen", "label", "legend", "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol",
        "optgroup", "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "select",
        "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea",
        "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ];

    public static readonly string[] Attributes =
    [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus", "axis",
        "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark",
        "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff",
        "charset", "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan", "compact",
        "contenteditable", "controls", "coords", "data", "datafld", "datapagesize", "datasrc", "datetime", "default",
        "delay", "dir", "disabled", "draggable", "dynsrc", "enctype", "end", "face", "for", "form", "frame",
        "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus", "high", "href", "hreflang", "hspace", "icon",
        "id", "inputmode", "ismap", "keytype", "label", "lang", "leftspacing", "list", "longdesc", "loop", "loopcount",
        "loopend", "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method", "min", "multiple", "name",
        "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping", "point-size", "poster", "pqg", "preload",
        "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min", "replace", "required", "rev",
        "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape", "size", "span", "src", "start", "step",
        "style", "summary", "suppress", "tabindex", "target", "template", "title", "toppadding", "type", "unselectable",
        "urn", "usemap", "valign", "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ];

    public static readonly string[] CssProperties =
    [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color", "border-left-color",
        "border-right-color", "border-top-color", "clear", "color", "cursor", "direction", "display", "elevation",
        "float", "font", "font-family", "font-size", "font-style", "font-variant", "font-weight", "height",
        "letter-spacing", "line-height", "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range",
        "richness", "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress", "text-align",
        "text-decoration", "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    ];

    public static readonly string[] UriSchemes =
    [
        "http", "https", "ftp", "ftps", "mailto", "news", "nntp", "feed", "irc", "ircs", "magnet", "rtsp", "sftp", "sip",
        "sips", "ssh", "svn", "tel", "telnet", "xmpp", "git", "gopher", "mms", "webcal", "urn", "tag", "data",
    ];

    /// <summary>Attributes holding a URL, resolved against the base and checked against <see cref="UriSchemes"/>.</summary>
    public static readonly string[] UriAttributes =
    [
        "action", "background", "cite", "codebase", "data", "dynsrc", "href", "longdesc", "lowsrc", "poster", "src", "usemap",
    ];

    /// <summary>Removed together with their content (everything else unknown is unwrapped, its text kept).</summary>
    public static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "applet", "iframe", "object", "embed", "frameset", "frame", "noembed", "noframes", "template", "xmp", "title",
    };
}

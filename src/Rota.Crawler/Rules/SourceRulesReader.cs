using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rota.Crawler.Rules;

/// <summary>
/// Reads and validates a source's crawl rules JSON, listing every problem (unknown field, wrong type, bad regex, bad
/// selector, forbidden header …) with its field path and value, so a save can be refused with all of them at once.
/// </summary>
public static class SourceRulesReader
{
    public const int MaxFilters = 100;
    public const int MaxPatternLength = 1000;
    public const int MaxHeaders = 20;

    /// <summary>The top-level members, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["block", "keep", "rewrite", "max_items", "min_quality", "user_agent", "headers", "full_content", "selector"];

    private static readonly string[] FilterFields = ["field", "contains", "regex", "ignore_case"];
    private static readonly string[] RewriteFields = ["strip_params", "title", "content"];
    private static readonly string[] ReplaceFields = ["regex", "replace", "ignore_case"];

    /// <summary>Headers the fetcher owns or that only make sense per connection (hop-by-hop), never set by a rule.</summary>
    private static readonly HashSet<string> ForbiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "expect", "if-none-match", "if-modified-since", "accept-encoding",
        "user-agent",
    };

    /// <summary>Reads <paramref name="json"/> (null: no rules). The rules are <see cref="SourceRules.None"/> when any error is listed.</summary>
    public static (SourceRules Rules, IReadOnlyList<RuleError> Errors) Read(JsonObject? json)
    {
        if (json is null) return (SourceRules.None, []);
        var errors = new List<RuleError>();
        Unknown(json, "rules", Fields, errors);
        var rules = new SourceRules
        {
            Block = Filters(json["block"], "rules.block", errors),
            Keep = Filters(json["keep"], "rules.keep", errors),
            MaxItems = Int(json["max_items"], "rules.max_items", 1, 10_000, errors),
            MinQuality = Int(json["min_quality"], "rules.min_quality", 0, 100, errors),
            UserAgent = HeaderValue(json["user_agent"], "rules.user_agent", errors),
            Headers = Headers(json["headers"], errors),
            FullContent = Bool(json["full_content"], "rules.full_content", errors) ?? false,
            Selector = Selector(json["selector"], errors),
        };
        if (rules.Selector is not null && !rules.FullContent)
            errors.Add(new RuleError("rules.selector", rules.Selector, "only used with full_content: true"));
        if (json["rewrite"] is { } rewrite)
        {
            if (rewrite is not JsonObject r) errors.Add(new RuleError("rules.rewrite", Show(rewrite), "expected an object with strip_params, title and/or content"));
            else
            {
                Unknown(r, "rules.rewrite", RewriteFields, errors);
                rules = rules with
                {
                    StripParams = new QueryParamStripper(ParamNames(r["strip_params"], errors)),
                    TitleReplacements = Replacements(r["title"], "rules.rewrite.title", errors),
                    ContentReplacements = Replacements(r["content"], "rules.rewrite.content", errors),
                };
            }
        }
        return errors.Count > 0 ? (SourceRules.None, errors) : (rules, []);
    }

    /// <summary>Parses rules text given on the command line or in a form: a JSON object (empty text: no rules).</summary>
    public static (JsonObject? Json, IReadOnlyList<RuleError> Errors) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, []);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) is JsonObject o
                ? (o, [])
                : (null, [new RuleError("rules", Cut(text), "expected a JSON object")]);
        }
        catch (JsonException ex)
        {
            return (null, [new RuleError("rules", Cut(text), $"not valid JSON: {ex.Message}")]);
        }
    }

    private static void Unknown(JsonObject o, string path, IReadOnlyList<string> known, List<RuleError> errors)
    {
        foreach (var (key, value) in o)
            if (!known.Contains(key, StringComparer.Ordinal))
                errors.Add(new RuleError($"{path}.{key}", Show(value), $"unknown field; expected one of {string.Join(", ", known)}"));
    }

    private static List<ItemFilter> Filters(JsonNode? node, string path, List<RuleError> errors)
    {
        var list = new List<ItemFilter>();
        if (node is null) return list;
        if (node is not JsonArray a)
        {
            errors.Add(new RuleError(path, Show(node), "expected a list of filters such as { field: title, contains: sponsored }"));
            return list;
        }
        if (a.Count > MaxFilters) errors.Add(new RuleError(path, a.Count.ToString(CultureInfo.InvariantCulture), $"at most {MaxFilters} filters"));
        for (var i = 0; i < a.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (a[i] is not JsonObject f)
            {
                errors.Add(new RuleError(at, Show(a[i]), "expected an object with field and contains or regex"));
                continue;
            }
            Unknown(f, at, FilterFields, errors);
            var fieldText = String(f["field"], $"{at}.field", errors);
            ItemField? field = fieldText is null ? null
                : Enum.TryParse<ItemField>(fieldText, ignoreCase: true, out var parsed) && !int.TryParse(fieldText, out _) ? parsed : null;
            if (fieldText is null && f["field"] is null) errors.Add(new RuleError($"{at}.field", null, "required: title, content, author, tags, url or any"));
            else if (fieldText is not null && field is null) errors.Add(new RuleError($"{at}.field", fieldText, "expected title, content, author, tags, url or any"));
            var pattern = Pattern(f, at, errors);
            if (field is { } fv && pattern is not null) list.Add(new ItemFilter(fv, pattern));
        }
        return list;
    }

    private static TextPattern? Pattern(JsonObject f, string at, List<RuleError> errors)
    {
        var ignoreCase = Bool(f["ignore_case"], $"{at}.ignore_case", errors) ?? true;
        var contains = String(f["contains"], $"{at}.contains", errors);
        var regex = String(f["regex"], $"{at}.regex", errors);
        if ((contains is null) == (regex is null))
        {
            if (f["contains"] is null && f["regex"] is null) errors.Add(new RuleError(at, Show(f), "needs exactly one of contains or regex"));
            else if (contains is not null) errors.Add(new RuleError(at, Show(f), "needs exactly one of contains or regex, not both"));
            return null;
        }
        if (contains is not null)
        {
            if (contains.Length == 0) { errors.Add(new RuleError($"{at}.contains", contains, "must not be empty")); return null; }
            if (contains.Length > MaxPatternLength) { errors.Add(new RuleError($"{at}.contains", Cut(contains), $"at most {MaxPatternLength} characters")); return null; }
            return TextPattern.Contains(contains, ignoreCase);
        }
        if (regex!.Length is 0 or > MaxPatternLength)
        {
            errors.Add(new RuleError($"{at}.regex", Cut(regex), $"must have 1 to {MaxPatternLength} characters"));
            return null;
        }
        var compiled = TextPattern.TryRegex(regex, ignoreCase, out var error);
        if (compiled is null) errors.Add(new RuleError($"{at}.regex", regex, error!));
        return compiled;
    }

    private static List<TextReplacement> Replacements(JsonNode? node, string path, List<RuleError> errors)
    {
        var list = new List<TextReplacement>();
        if (node is null) return list;
        if (node is not JsonArray a)
        {
            errors.Add(new RuleError(path, Show(node), "expected a list of { regex, replace }"));
            return list;
        }
        if (a.Count > MaxFilters) errors.Add(new RuleError(path, a.Count.ToString(CultureInfo.InvariantCulture), $"at most {MaxFilters} replacements"));
        for (var i = 0; i < a.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (a[i] is not JsonObject r)
            {
                errors.Add(new RuleError(at, Show(a[i]), "expected an object { regex, replace }"));
                continue;
            }
            Unknown(r, at, ReplaceFields, errors);
            var ignoreCase = Bool(r["ignore_case"], $"{at}.ignore_case", errors) ?? false;
            var replace = String(r["replace"], $"{at}.replace", errors);
            if (r["replace"] is null) errors.Add(new RuleError($"{at}.replace", null, "required (use \"\" to delete the match)"));
            var regex = String(r["regex"], $"{at}.regex", errors);
            if (r["regex"] is null) { errors.Add(new RuleError($"{at}.regex", null, "required")); continue; }
            if (regex is null) continue;
            if (regex.Length is 0 or > MaxPatternLength) { errors.Add(new RuleError($"{at}.regex", Cut(regex), $"must have 1 to {MaxPatternLength} characters")); continue; }
            if (TextPattern.TryRegex(regex, ignoreCase, out var error) is not { Regex: Regex compiled }) errors.Add(new RuleError($"{at}.regex", regex, error!));
            else if (replace is not null) list.Add(new TextReplacement(compiled, replace));
        }
        return list;
    }

    private static List<string> ParamNames(JsonNode? node, List<RuleError> errors)
    {
        var list = new List<string>();
        if (node is null) return list;
        if (node is not JsonArray a)
        {
            errors.Add(new RuleError("rules.rewrite.strip_params", Show(node), "expected a list of parameter names such as [utm_*, fbclid]"));
            return list;
        }
        for (var i = 0; i < a.Count; i++)
        {
            var name = String(a[i], $"rules.rewrite.strip_params[{i}]", errors);
            if (name is null) continue;
            var bare = name.EndsWith('*') ? name[..^1] : name;
            if (bare.Length is 0 or > 100 || bare.Any(c => char.IsWhiteSpace(c) || c is '&' or '=' or '*' or '?' or '#'))
                errors.Add(new RuleError($"rules.rewrite.strip_params[{i}]", name, "expected a parameter name, optionally ending in * for a prefix"));
            else list.Add(name);
        }
        return list;
    }

    private static Dictionary<string, string> Headers(JsonNode? node, List<RuleError> errors)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is null) return headers;
        if (node is not JsonObject o)
        {
            errors.Add(new RuleError("rules.headers", Show(node), "expected an object of header name: value"));
            return headers;
        }
        if (o.Count > MaxHeaders) errors.Add(new RuleError("rules.headers", o.Count.ToString(CultureInfo.InvariantCulture), $"at most {MaxHeaders} headers"));
        foreach (var (name, value) in o)
        {
            var at = $"rules.headers.{name}";
            if (name.Length is 0 or > 100 || !name.All(IsTokenChar))
                errors.Add(new RuleError(at, name, "not a valid header name"));
            else if (ForbiddenHeaders.Contains(name) || name.StartsWith("proxy-", StringComparison.OrdinalIgnoreCase))
                errors.Add(new RuleError(at, name, name.Equals("user-agent", StringComparison.OrdinalIgnoreCase)
                    ? "set the agent with user_agent" : "this header is set by the crawler or the connection and cannot be overridden"));
            else if (HeaderValue(value, at, errors) is { } v) headers[name] = v;
        }
        return headers;
    }

    private static string? HeaderValue(JsonNode? node, string path, List<RuleError> errors)
    {
        var value = String(node, path, errors);
        if (value is null) return null;
        if (value.Trim().Length == 0 || value.Length > 4096 || value.Any(c => c is '\r' or '\n' or '\0' || c > '\u00ff'))
        {
            errors.Add(new RuleError(path, Cut(value), "must be 1 to 4096 Latin-1 characters without line breaks"));
            return null;
        }
        return value;
    }

    private static string? Selector(JsonNode? node, List<RuleError> errors)
    {
        var selector = String(node, "rules.selector", errors);
        if (selector is null) return null;
        if (!FullContentExtractor.IsValidSelector(selector))
        {
            errors.Add(new RuleError("rules.selector", Cut(selector), "not a valid CSS selector"));
            return null;
        }
        return selector;
    }

    private static string? String(JsonNode? node, string path, List<RuleError> errors)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        errors.Add(new RuleError(path, Show(node), "expected a string"));
        return null;
    }

    private static bool? Bool(JsonNode? node, string path, List<RuleError> errors)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        errors.Add(new RuleError(path, Show(node), "expected true or false"));
        return null;
    }

    private static int? Int(JsonNode? node, string path, int min, int max, List<RuleError> errors)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n))
        {
            if (n >= min && n <= max) return (int)n;
            errors.Add(new RuleError(path, n.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}"));
            return null;
        }
        // Rules built in code or read from YAML hold CLR numbers rather than JSON elements.
        long? whole = node is JsonValue iv ? iv.TryGetValue<int>(out var i) ? i : iv.TryGetValue<long>(out var l) ? l : null : null;
        if (whole is { } w)
        {
            if (w >= min && w <= max) return (int)w;
            errors.Add(new RuleError(path, w.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}"));
            return null;
        }
        errors.Add(new RuleError(path, Show(node), "expected a whole number"));
        return null;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string? Show(JsonNode? node) => node is null ? null : Cut(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString());

    private static string Cut(string s) => s.Length <= 200 ? s : s[..200] + "…";
}

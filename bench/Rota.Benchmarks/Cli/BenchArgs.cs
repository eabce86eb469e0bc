using System.Globalization;

namespace Rota.Benchmarks.Cli;

/// <summary>A verb followed by <c>--name value</c> options; unknown options are a usage error naming them.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchArgs(string verb, IReadOnlyList<string> positional, Dictionary<string, string> options)
    {
        Verb = verb;
        Positional = positional;
        _options = options;
    }

    public string Verb { get; }
    public IReadOnlyList<string> Positional { get; }

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var verb = args.Count > 0 ? args[0] : "help";
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { positional.Add(a); continue; }
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) { options[a[2..eq]] = a[(eq + 1)..]; continue; }
            if (i + 1 >= args.Count) throw new UsageException($"option {a} needs a value");
            options[a[2..]] = args[++i];
        }
        return new BenchArgs(verb, positional, options);
    }

    public int Int(string name, int fallback, int min = 1)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new UsageException($"--{name}: '{text}' must be an integer ≥ {min}");
        return value;
    }

    public string Text(string name, string fallback)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name, fallback);
    }

    /// <summary>Throws when an option was given that no one asked for (a typo must not silently run defaults).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s) for '{Verb}': {string.Join(", ", unknown)}");
    }

    /// <summary>The options as given, to pass on to a child process.</summary>
    public IEnumerable<string> Forward() => _options.SelectMany(kv => new[] { "--" + kv.Key, kv.Value });
}

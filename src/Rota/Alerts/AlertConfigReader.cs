using System.Text.RegularExpressions;
using Rota.Configuration;
using YamlDotNet.RepresentationModel;

namespace Rota.Alerts;

/// <summary>Reads and validates the <c>alerts:</c> section (from rota.yaml, an API body or the store), recording
/// every problem with its path instead of stopping at the first.</summary>
internal static partial class AlertConfigReader
{
    private static readonly string[] SectionKeys = ["channels", "rules"];
    private static readonly string[] ChannelTypes = ["email", "webhook", "slack"];
    private static readonly string[] EmailKeys = ["type", "host", "port", "security", "username", "password", "password_env", "from", "to", "ca_file"];
    private static readonly string[] WebhookKeys = ["type", "url", "secret", "secret_env", "headers"];
    private static readonly string[] SlackKeys = ["type", "url"];
    private static readonly string[] Securities = ["none", "starttls", "ssl"];
    private static readonly string[] RuleKeys = ["name", "kind", "channels", "enabled", "task", "tags", "count", "duration", "repeat", "template", "stat", "min", "max", "missing"];
    private static readonly string[] StatKeys = ["stat", "min", "max", "missing"];
    private static readonly string[] MissingPolicies = ["fire", "ignore"];
    private static readonly string[] TemplateKeys = ["subject", "body", "resolved_subject", "resolved_body"];

    public static AlertConfig Read(ConfigReader r, YamlNode? node, string path)
    {
        if (node is null or YamlScalarNode { Value: null or "" }) return AlertConfig.Empty;
        if (node is not YamlMappingNode map) { r.Error(path, node, $"expected a mapping with 'channels' and 'rules', not {ConfigReader.Kind(node)}"); return AlertConfig.Empty; }
        r.CheckKeys(map, path, SectionKeys);
        var channels = Channels(r, r.Get(map, "channels"), ConfigReader.Join(path, "channels"));
        var rules = Rules(r, r.Get(map, "rules"), ConfigReader.Join(path, "rules"), channels);
        return new AlertConfig(channels, rules);
    }

    private static List<AlertChannelConfig> Channels(ConfigReader r, YamlNode? node, string path)
    {
        var result = new List<AlertChannelConfig>();
        if (node is null or YamlScalarNode { Value: null or "" }) return result;
        if (node is not YamlMappingNode map) { r.Error(path, node, $"expected a mapping of channel names to settings, not {ConfigReader.Kind(node)}"); return result; }
        foreach (var (keyNode, value) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var at = ConfigReader.Join(path, name);
            if (!NamePattern().IsMatch(name)) r.Error(at, keyNode, "a channel name uses letters, digits, '-', '_' and '.' (at most 64)", name);
            if (value is not YamlMappingNode m) { r.Error(at, value, "expected the channel's settings (type: email, webhook or slack, …)"); continue; }
            if (Channel(r, m, at, name) is { } channel) result.Add(channel);
        }
        return result;
    }

    private static AlertChannelConfig? Channel(ConfigReader r, YamlMappingNode m, string path, string name)
    {
        var type = r.String(r.Get(m, "type"), path + ".type");
        if (type is null) { r.Missing(path + ".type", m, "every channel needs a type: email, webhook or slack"); return null; }
        if (!ChannelTypes.Contains(type)) { r.Error(path + ".type", r.Get(m, "type"), "unknown channel type" + ConfigReader.Suggest(type, ChannelTypes)); return null; }
        r.CheckKeys(m, path, type switch { "email" => EmailKeys, "webhook" => WebhookKeys, _ => SlackKeys });
        return type == "email" ? Email(r, m, path, name) : Web(r, m, path, name, type);
    }

    private static AlertChannelConfig Email(ConfigReader r, YamlMappingNode m, string path, string name)
    {
        var host = r.String(r.Get(m, "host"), path + ".host");
        if (string.IsNullOrWhiteSpace(host)) r.Missing(path + ".host", m, "an email channel needs the SMTP host");
        var port = r.Int(r.Get(m, "port"), path + ".port", 1);
        if (port > 65535) r.Error(path + ".port", r.Get(m, "port"), "a port is at most 65535");
        var security = r.String(r.Get(m, "security"), path + ".security");
        if (security is not null && !Securities.Contains(security))
            r.Error(path + ".security", r.Get(m, "security"), "unknown security" + ConfigReader.Suggest(security, Securities));
        var password = r.String(r.Get(m, "password"), path + ".password");
        var passwordEnv = r.String(r.Get(m, "password_env"), path + ".password_env");
        if (password is not null && passwordEnv is not null) r.Error(path + ".password_env", r.Get(m, "password_env"), "give password or password_env, not both");
        var username = r.String(r.Get(m, "username"), path + ".username");
        if (username is null && (password ?? passwordEnv) is not null) r.Missing(path + ".username", m, "a password needs a username");
        var from = r.String(r.Get(m, "from"), path + ".from");
        if (from is null) r.Missing(path + ".from", m, "an email channel needs a 'from' address");
        else if (!LooksLikeAddress(from)) r.Error(path + ".from", r.Get(m, "from"), "not an e-mail address");
        var to = r.Strings(r.Get(m, "to"), path + ".to");
        if (to.Count == 0) r.Missing(path + ".to", m, "an email channel needs at least one 'to' address");
        for (var i = 0; i < to.Count; i++)
            if (!LooksLikeAddress(to[i])) r.Error($"{path}.to[{i}]", r.Get(m, "to"), "not an e-mail address", to[i]);
        var caFile = r.String(r.Get(m, "ca_file"), path + ".ca_file");
        if (caFile is not null && security == "none") r.Error(path + ".ca_file", r.Get(m, "ca_file"), "ca_file needs security: starttls or ssl");
        else if (caFile is not null && !File.Exists(caFile)) r.Error(path + ".ca_file", r.Get(m, "ca_file"), "file not found (a PEM file with the CA certificate to trust)", caFile);
        return new AlertChannelConfig
        {
            Name = name, Type = "email", Host = host, Port = port, Security = security ?? "starttls", Username = username,
            Password = password, PasswordEnv = passwordEnv, From = from, To = to, CaFile = caFile,
        };
    }

    private static AlertChannelConfig Web(ConfigReader r, YamlMappingNode m, string path, string name, string type)
    {
        var url = r.String(r.Get(m, "url"), path + ".url");
        if (url is null) r.Missing(path + ".url", m, $"a {type} channel needs a url");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
            r.Error(path + ".url", r.Get(m, "url"), "expected an absolute http:// or https:// URL");
        var secret = r.String(r.Get(m, "secret"), path + ".secret");
        var secretEnv = r.String(r.Get(m, "secret_env"), path + ".secret_env");
        if (secret is not null && secretEnv is not null) r.Error(path + ".secret_env", r.Get(m, "secret_env"), "give secret or secret_env, not both");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (r.Object(r.Get(m, "headers"), path + ".headers") is { } h)
            foreach (var (key, value) in h)
            {
                if (value is System.Text.Json.Nodes.JsonValue v && v.ToString() is { } text) headers[key] = text;
                else r.Error($"{path}.headers.{key}", r.Get(m, "headers"), "a header value must be a single value");
            }
        return new AlertChannelConfig { Name = name, Type = type, Url = url, Secret = secret, SecretEnv = secretEnv, Headers = headers };
    }

    private static List<AlertRule> Rules(ConfigReader r, YamlNode? node, string path, List<AlertChannelConfig> channels)
    {
        var result = new List<AlertRule>();
        if (node is null or YamlScalarNode { Value: null or "" }) return result;
        if (node is not YamlSequenceNode seq) { r.Error(path, node, $"expected a list of rules (each starting with '- name:'), not {ConfigReader.Kind(node)}"); return result; }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (seq.Children[i] is not YamlMappingNode m) { r.Error(at, seq.Children[i], "expected a mapping with name, kind and channels"); continue; }
            if (Rule(r, m, at, channels) is not { } rule) continue;
            if (!names.Add(rule.Name)) r.Error(at + ".name", r.Get(m, "name"), $"duplicate rule name '{rule.Name}'");
            else result.Add(rule);
        }
        return result;
    }

    private static AlertRule? Rule(ConfigReader r, YamlMappingNode m, string path, List<AlertChannelConfig> channels)
    {
        r.CheckKeys(m, path, RuleKeys);
        var name = r.String(r.Get(m, "name"), path + ".name");
        if (name is null) r.Missing(path + ".name", m, "every rule needs a name");
        else if (!NamePattern().IsMatch(name)) r.Error(path + ".name", r.Get(m, "name"), "a rule name uses letters, digits, '-', '_' and '.' (at most 64)");
        var kindText = r.String(r.Get(m, "kind"), path + ".kind");
        AlertRuleKind? kind = null;
        if (kindText is null) r.Missing(path + ".kind", m, "every rule needs a kind; allowed: " + string.Join(", ", AlertKindNames.All.Order(StringComparer.Ordinal)));
        else if ((kind = AlertKindNames.Parse(kindText)) is null) r.Error(path + ".kind", r.Get(m, "kind"), "unknown rule kind" + ConfigReader.Suggest(kindText, AlertKindNames.All));
        var used = r.Strings(r.Get(m, "channels"), path + ".channels");
        if (used.Count == 0) r.Missing(path + ".channels", m, "a rule needs at least one channel");
        for (var i = 0; i < used.Count; i++)
            if (!channels.Any(c => c.Name == used[i]))
                r.Error($"{path}.channels[{i}]", r.Get(m, "channels"), "unknown channel" + (channels.Count == 0 ? "; no channels are defined under alerts.channels" : ConfigReader.Suggest(used[i], channels.Select(c => c.Name).ToList())), used[i]);
        var count = r.Int(r.Get(m, "count"), path + ".count", 1);
        var duration = r.Duration(r.Get(m, "duration"), path + ".duration", positive: true);
        var repeat = r.Duration(r.Get(m, "repeat"), path + ".repeat", positive: true);
        var task = r.String(r.Get(m, "task"), path + ".task");
        var tags = r.Strings(r.Get(m, "tags"), path + ".tags");
        var template = Template(r, r.Get(m, "template"), path + ".template");
        var stat = r.String(r.Get(m, "stat"), path + ".stat");
        var min = r.Double(r.Get(m, "min"), path + ".min", double.NegativeInfinity);
        var max = r.Double(r.Get(m, "max"), path + ".max", double.NegativeInfinity);
        var missing = r.String(r.Get(m, "missing"), path + ".missing");
        if (missing is not null && !MissingPolicies.Contains(missing))
            r.Error(path + ".missing", r.Get(m, "missing"), "unknown missing policy" + ConfigReader.Suggest(missing, MissingPolicies));
        if (kind is { } k)
        {
            if (k == AlertRuleKind.StatOutOfRange) StatRange(r, m, path, task, stat, min, max);
            else
                foreach (var key in StatKeys.Where(key => r.Get(m, key) is not null))
                    r.Error($"{path}.{key}", r.Get(m, key), $"{key} does not apply to {kindText} rules");
            if (repeat is not null && AlertDefaults.IsNotice(k)) r.Error(path + ".repeat", r.Get(m, "repeat"), $"repeat does not apply to {kindText} rules: each event sends one notice");
            if (count is not null && AlertDefaults.Count(k) is null) r.Error(path + ".count", r.Get(m, "count"), $"count does not apply to {kindText} rules");
            if (duration is not null && AlertDefaults.Duration(k) is null) r.Error(path + ".duration", r.Get(m, "duration"), $"duration does not apply to {kindText} rules");
            if ((task is not null || tags.Count > 0) && !AlertDefaults.FiltersTasks(k))
                r.Error(path + (task is not null ? ".task" : ".tags"), r.Get(m, task is not null ? "task" : "tags"), $"task filters do not apply to {kindText} rules");
        }
        if (name is null || kind is null) return null;
        return new AlertRule
        {
            Name = name, Kind = kind.Value, Channels = used, Enabled = r.Bool(r.Get(m, "enabled"), path + ".enabled") ?? true,
            Task = task, Tags = tags, Count = count, Duration = duration, Repeat = repeat, Template = template,
            Stat = stat, Min = min, Max = max, IgnoreMissing = missing == "ignore",
        };
    }

    /// <summary><c>stat_out_of_range</c>: one task, one stats key, a lower and/or upper bound in order.</summary>
    private static void StatRange(ConfigReader r, YamlMappingNode m, string path, string? task, string? stat, double? min, double? max)
    {
        if (task is null) r.Missing(path + ".task", m, "a stat_out_of_range rule needs the task whose runs it checks (a pipeline step's task too)");
        if (string.IsNullOrWhiteSpace(stat)) r.Missing(path + ".stat", m, "a stat_out_of_range rule needs the stats key to check (e.g. new_urls)");
        if (min is null && max is null && r.Get(m, "min") is null && r.Get(m, "max") is null)
            r.Missing(path + ".min", m, "a stat_out_of_range rule needs min, max or both");
        if (min is { } lo && max is { } hi && lo > hi)
            r.Error(path + ".max", r.Get(m, "max"), $"max must not be below min ({lo.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
    }

    private static AlertTemplate Template(ConfigReader r, YamlNode? node, string path)
    {
        if (node is null or YamlScalarNode { Value: null or "" }) return new AlertTemplate();
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping with subject and body"); return new AlertTemplate(); }
        r.CheckKeys(m, path, TemplateKeys);
        string? Part(string key)
        {
            var text = r.String(r.Get(m, key), $"{path}.{key}");
            if (text is null) return null;
            foreach (var unknown in AlertText.UnknownPlaceholders(text))
                r.Error($"{path}.{key}", r.Get(m, key), $"unknown placeholder {{{unknown}}}" + ConfigReader.Suggest(unknown, AlertDefaults.Placeholders), unknown);
            return text;
        }
        return new AlertTemplate { Subject = Part("subject"), Body = Part("body"), ResolvedSubject = Part("resolved_subject"), ResolvedBody = Part("resolved_body") };
    }

    private static bool LooksLikeAddress(string text) => System.Net.Mail.MailAddress.TryCreate(text, out _);

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex NamePattern();
}

using System.Text.RegularExpressions;
using Rota.Tasks;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Reads the policy sections of a task: retry, overlap, misfire, retention.</summary>
internal static partial class PolicyConfigReader
{
    private static readonly string[] RetryKeys = ["attempts", "backoff", "factor", "max_backoff", "jitter", "retry_permanent"];
    private static readonly string[] MisfireKeys = ["policy", "max_catchup", "catchup_window", "grace"];
    private static readonly string[] RetentionKeys = ["keep_succeeded", "keep_failed", "max_age"];

    public static RetryPolicy Retry(ConfigReader r, YamlNode? node, string path)
    {
        if (node is null) return RetryPolicy.Default;
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping with attempts, backoff, factor, max_backoff, jitter"); return RetryPolicy.Default; }
        r.CheckKeys(m, path, RetryKeys);
        var d = RetryPolicy.Default;
        return new RetryPolicy(
            r.Int(r.Get(m, "attempts"), path + ".attempts", 1) ?? d.MaxAttempts,
            r.Duration(r.Get(m, "backoff"), path + ".backoff") ?? d.BaseDelay,
            r.Double(r.Get(m, "factor"), path + ".factor", 1) ?? d.Factor,
            r.Duration(r.Get(m, "max_backoff"), path + ".max_backoff") ?? d.MaxDelay,
            r.Bool(r.Get(m, "jitter"), path + ".jitter") ?? d.Jitter,
            r.Bool(r.Get(m, "retry_permanent"), path + ".retry_permanent") ?? d.RetryPermanentErrors);
    }

    public static OverlapPolicy Overlap(ConfigReader r, YamlNode? node, string path)
    {
        var text = r.String(node, path);
        if (text is null) return OverlapPolicy.Default;
        var m = AllowAllPattern().Match(text.Trim());
        if (m.Success)
        {
            var max = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (m.Groups[1].Success && max < 1) r.Error(path, node, "allow_all(N) needs N of at least 1");
            return new OverlapPolicy(OverlapKind.AllowAll, max);
        }
        if (TextNames.TryParse<OverlapKind>(text, out var kind) && kind != OverlapKind.AllowAll) return new OverlapPolicy(kind);
        r.Error(path, node, "expected skip, buffer_one, buffer_all, cancel_other, terminate_other, allow_all or allow_all(N)");
        return OverlapPolicy.Default;
    }

    public static MisfirePolicy Misfire(ConfigReader r, YamlNode? node, string path)
    {
        switch (node)
        {
            case null: return MisfirePolicy.Default;
            case YamlScalarNode: return new MisfirePolicy(MisfireKind(r, node, path));
            case YamlMappingNode m:
                r.CheckKeys(m, path, MisfireKeys);
                return new MisfirePolicy(
                    r.Get(m, "policy") is { } p ? MisfireKind(r, p, path + ".policy") : Tasks.MisfireKind.Coalesce,
                    r.Int(r.Get(m, "max_catchup"), path + ".max_catchup", 0) ?? 100,
                    r.Duration(r.Get(m, "catchup_window"), path + ".catchup_window", positive: true),
                    r.Duration(r.Get(m, "grace"), path + ".grace"));
            default:
                r.Error(path, node, "expected coalesce, all, skip or a mapping with policy, max_catchup, catchup_window, grace");
                return MisfirePolicy.Default;
        }
    }

    public static RetentionPolicy Retention(ConfigReader r, YamlNode? node, string path)
    {
        if (node is null) return RetentionPolicy.Default;
        if (node is not YamlMappingNode m) { r.Error(path, node, "expected a mapping with keep_succeeded, keep_failed, max_age"); return RetentionPolicy.Default; }
        r.CheckKeys(m, path, RetentionKeys);
        return new RetentionPolicy(
            r.Int(r.Get(m, "keep_succeeded"), path + ".keep_succeeded", 0) ?? 100,
            r.Int(r.Get(m, "keep_failed"), path + ".keep_failed", 0) ?? 100,
            r.Duration(r.Get(m, "max_age"), path + ".max_age", positive: true));
    }

    private static MisfireKind MisfireKind(ConfigReader r, YamlNode node, string path)
    {
        var text = r.String(node, path);
        if (TextNames.TryParse<MisfireKind>(text, out var k)) return k;
        r.Error(path, node, "expected coalesce, all or skip");
        return Tasks.MisfireKind.Coalesce;
    }

    [GeneratedRegex(@"^allow_all(?:\((-?\d+)\))?$")]
    private static partial Regex AllowAllPattern();
}

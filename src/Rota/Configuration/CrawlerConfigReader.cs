using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>The <c>crawler:</c> section of a configuration file (keys of <see cref="CrawlerSettingKeys"/>); every bad
/// key or value is recorded with its path and line.</summary>
internal static class CrawlerConfigReader
{
    public static CrawlerSettings? Read(ConfigReader r, YamlNode? node)
    {
        if (node is null or YamlScalarNode { Value: null or "" }) return null;
        if (node is not YamlMappingNode map)
        {
            r.Error("crawler", node, $"expected a mapping of crawler settings, not {ConfigReader.Kind(node)}");
            return null;
        }
        r.CheckKeys(map, "crawler", CrawlerSettingKeys.Keys.ToArray());
        var settings = new CrawlerSettings();
        foreach (var key in CrawlerSettingKeys.Keys)
        {
            var path = "crawler." + key;
            if (r.String(r.Get(map, key), path) is not { } text) continue;
            settings = CrawlerSettingKeys.Set(settings, key, text, out var error);
            if (error is not null) r.Error(path, r.Get(map, key), error);
        }
        return settings;
    }
}

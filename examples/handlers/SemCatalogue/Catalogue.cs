using System.Text.Json;
using Rota.Crawler.Sources;

namespace Rota.Examples.SemCatalogue;

/// <summary>One catalogue row: seed 000's <c>urls</c> table (status code, redirect target, paused, catalogued).</summary>
public sealed class CatalogueEntry
{
    public string Url { get; set; } = "";
    public string PageStatus { get; set; } = "active";
    public int StatusCode { get; set; }
    public string? RedirectTo { get; set; }
    public bool NeedsCataloguing { get; set; } = true;
    public bool Catalogued { get; set; }
    public string? Title { get; set; }
}

/// <summary>The example's stand-in for seed 000's MySQL database: a JSON file (parameter <c>catalogue_file</c>, default
/// <c>sem-catalogue.json</c> in the working directory), keyed by the crawler's URL key so that <c>/a/</c> and <c>/a</c>
/// are one row (seed 000: "trailing slashes are normalized for consistent matching").</summary>
public sealed class Catalogue
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly string _path;

    private Catalogue(string path, Dictionary<string, CatalogueEntry> rows) => (_path, Rows) = (path, rows);

    public Dictionary<string, CatalogueEntry> Rows { get; }

    public static Catalogue Load(string path) =>
        new(path, File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, CatalogueEntry>>(File.ReadAllText(path), Json) ?? [] : []);

    /// <summary>The matching key of a URL (the crawler's <see cref="UrlNormalizer"/>: trailing slash, case, tracking
    /// parameters); a URL that is not absolute http(s) is refused by name.</summary>
    public static string Key(string url) => UrlNormalizer.TryNormalize(url, out var key) ? key
        : throw new RotaException("example.bad_url", $"'{url}' is not an absolute http(s) URL", isTransient: false);

    public CatalogueEntry? Find(string url) => Rows.GetValueOrDefault(Key(url));

    public void Save()
    {
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(Rows, Json));
        File.Move(temp, _path, overwrite: true);
    }
}

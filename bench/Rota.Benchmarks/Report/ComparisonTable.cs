using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Report;

/// <summary>
/// One row per metric: Rota's figure, each peer's figure from the same run with the ratio Rota ÷ peer, then the
/// target and PASS/MISS. Systems not selected in this run are left out of the columns.
/// </summary>
internal sealed class ComparisonTable
{
    private readonly IReadOnlyList<string> _peers;
    private readonly string? _rota;
    private readonly Table _table;

    /// <param name="nodes">Nodes of <c>rota-pg</c> (for its label).</param>
    public ComparisonTable(IReadOnlyList<string> systems, int nodes = 1)
    {
        _rota = PrimaryOf(systems);
        _peers = systems.Where(s => s != _rota).ToList();
        var headers = new List<string> { "metric" };
        if (_rota is not null) headers.Add(SystemCatalog.Label(_rota, nodes));
        foreach (var p in _peers)
        {
            headers.Add(SystemCatalog.Label(p, nodes));
            if (_rota is not null) headers.Add("Rota ÷ " + SystemCatalog.ShortLabel(p));
        }
        headers.Add("target");
        headers.Add("result");
        _table = new Table([.. headers]);
    }

    /// <summary>Adds a metric; <paramref name="values"/> maps system name to its figure (NaN or absent = failed);
    /// <paramref name="ratio"/> false leaves the ratio cells empty (counts, where a ratio means nothing).</summary>
    public void Add(string metric, IReadOnlyDictionary<string, double> values, Func<double, string> format, string target = "", bool? pass = null, bool ratio = true)
    {
        var rota = _rota is null ? double.NaN : values.GetValueOrDefault(_rota, double.NaN);
        var cells = new List<string> { metric };
        if (_rota is not null) cells.Add(format(rota));
        foreach (var p in _peers)
        {
            var v = values.GetValueOrDefault(p, double.NaN);
            cells.Add(format(v));
            if (_rota is not null) cells.Add(ratio ? Figures.Ratio(rota, v) : "");
        }
        cells.Add(target);
        cells.Add(Figures.Verdict(pass));
        _table.AddRow([.. cells]);
    }

    public string Render() => _table.Render();

    /// <summary>The Rota system the others are compared with: the first Rota system selected (SQLite before PostgreSQL).</summary>
    public static string? PrimaryOf(IReadOnlyList<string> systems) => systems.FirstOrDefault(SystemCatalog.IsRota);
}

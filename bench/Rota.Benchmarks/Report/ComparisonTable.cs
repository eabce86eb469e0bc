using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Report;

/// <summary>
/// One row per metric: Rota's figure, each peer's figure from the same run with the ratio Rota ÷ peer, then the
/// target and PASS/MISS. Systems not selected in this run are left out of the columns.
/// </summary>
internal sealed class ComparisonTable
{
    private readonly IReadOnlyList<string> _peers;
    private readonly bool _hasRota;
    private readonly Table _table;

    public ComparisonTable(IReadOnlyList<string> systems)
    {
        _hasRota = systems.Contains(SystemCatalog.Rota);
        _peers = systems.Where(s => s != SystemCatalog.Rota).ToList();
        var headers = new List<string> { "metric" };
        if (_hasRota) headers.Add(SystemCatalog.Label(SystemCatalog.Rota));
        foreach (var p in _peers)
        {
            headers.Add(SystemCatalog.Label(p));
            if (_hasRota) headers.Add("Rota ÷ " + SystemCatalog.ShortLabel(p));
        }
        headers.Add("target");
        headers.Add("result");
        _table = new Table([.. headers]);
    }

    /// <summary>Adds a metric; <paramref name="values"/> maps system name to its figure (NaN or absent = failed);
    /// <paramref name="ratio"/> false leaves the ratio cells empty (counts, where a ratio means nothing).</summary>
    public void Add(string metric, IReadOnlyDictionary<string, double> values, Func<double, string> format, string target = "", bool? pass = null, bool ratio = true)
    {
        var rota = values.GetValueOrDefault(SystemCatalog.Rota, double.NaN);
        var cells = new List<string> { metric };
        if (_hasRota) cells.Add(format(rota));
        foreach (var p in _peers)
        {
            var v = values.GetValueOrDefault(p, double.NaN);
            cells.Add(format(v));
            if (_hasRota) cells.Add(ratio ? Figures.Ratio(rota, v) : "");
        }
        cells.Add(target);
        cells.Add(Figures.Verdict(pass));
        _table.AddRow([.. cells]);
    }

    public string Render() => _table.Render();
}

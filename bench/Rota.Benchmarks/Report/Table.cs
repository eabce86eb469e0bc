using System.Text;

namespace Rota.Benchmarks.Report;

/// <summary>A Markdown pipe table, padded so it also reads well in a terminal. Columns after the first are right-aligned.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"table: row has {cells.Length} cells, header has {headers.Length}");
        _rows.Add(cells);
    }

    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(3, _rows.Select(r => r[i].Length).Prepend(h.Length).Max())).ToArray();
        var sb = new StringBuilder();
        Line(sb, headers, widths);
        sb.Append('|');
        for (var i = 0; i < widths.Length; i++)
            sb.Append(i == 0 ? " " + new string('-', widths[i]) + " |" : " " + new string('-', widths[i] - 1) + ": |");
        sb.AppendLine();
        foreach (var row in _rows) Line(sb, row, widths);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string[] cells, int[] widths)
    {
        sb.Append('|');
        for (var i = 0; i < cells.Length; i++)
            sb.Append(' ').Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i])).Append(" |");
        sb.AppendLine();
    }
}

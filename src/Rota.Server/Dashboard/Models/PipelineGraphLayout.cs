namespace Rota.Server.Dashboard.Models;

/// <summary>Where the pipeline graph's boxes go: a step's column is its depth (0 without <c>after</c>, else one past its
/// deepest dependency), rows follow the step order within a column. Edges run from a dependency's right side to the
/// dependent's left side.</summary>
public sealed record PipelineGraphLayout(IReadOnlyList<PipelineGraphNode> Nodes, IReadOnlyList<PipelineGraphEdge> Edges, int Width, int Height)
{
    public const int BoxWidth = 170, BoxHeight = 46, ColumnGap = 60, RowGap = 22, Margin = 12;

    /// <param name="steps">Each step's name, label (task or handler) and the steps it waits for, in definition order.</param>
    public static PipelineGraphLayout Of(IReadOnlyList<(string Name, string Label, IReadOnlyList<string> After)> steps)
    {
        var byName = steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(string name, int guard)
        {
            if (depth.TryGetValue(name, out var d)) return d;
            // A cycle or a missing step cannot come from a validated pipeline; the guard keeps a preview of a bad one finite.
            if (guard > steps.Count || !byName.TryGetValue(name, out var s)) return 0;
            d = s.After.Count == 0 ? 0 : s.After.Max(a => byName.ContainsKey(a) ? DepthOf(a, guard + 1) + 1 : 0);
            depth[name] = d;
            return d;
        }
        var rows = new Dictionary<int, int>();
        var nodes = new List<PipelineGraphNode>();
        foreach (var s in byName.Values)
        {
            var column = DepthOf(s.Name, 0);
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            nodes.Add(new PipelineGraphNode(s.Name, s.Label, column, row,
                Margin + column * (BoxWidth + ColumnGap), Margin + row * (BoxHeight + RowGap)));
        }
        var at = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var edges = byName.Values.SelectMany(s => s.After.Where(at.ContainsKey).Select(a => new PipelineGraphEdge(a, s.Name,
            at[a].X + BoxWidth, at[a].Y + BoxHeight / 2, at[s.Name].X, at[s.Name].Y + BoxHeight / 2))).ToList();
        var columns = nodes.Count == 0 ? 0 : nodes.Max(n => n.Column) + 1;
        var maxRows = rows.Count == 0 ? 0 : rows.Values.Max();
        return new PipelineGraphLayout(nodes, edges, Math.Max(1, 2 * Margin + columns * BoxWidth + Math.Max(0, columns - 1) * ColumnGap),
            Math.Max(1, 2 * Margin + maxRows * BoxHeight + Math.Max(0, maxRows - 1) * RowGap));
    }
}

public sealed record PipelineGraphNode(string Name, string Label, int Column, int Row, int X, int Y);

public sealed record PipelineGraphEdge(string From, string To, int X1, int Y1, int X2, int Y2);

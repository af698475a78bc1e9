namespace Stagecraft.Cli.Rendering;

/// <summary>
/// A table for plain output (pipes, CI logs): one line per row, fitted to the console's width.
/// The widest columns give way first, down to their minimum; a value longer than its column ends
/// in '…', so nothing wraps a few characters at a time. Whole values are for --json.
/// </summary>
internal sealed class CompactTable
{
    private const int Gap = 2;
    private readonly List<(string Header, int Minimum)> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <param name="minimum">The narrowest this column gets (never narrower than its header).</param>
    public CompactTable Column(string header, int minimum)
    {
        _columns.Add((header, Math.Max(header.Length, minimum)));
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells.Select(OneLine).ToArray());

    /// <summary>Writes the table; true when some value was shortened to fit.</summary>
    public bool Write(TextWriter writer, int width) => Write(writer, width, (_, _) => { });

    /// <summary>Writes the table and tells <paramref name="cut"/> the row and column (by index) of each value it shortened.</summary>
    public bool Write(TextWriter writer, int width, Action<int, int> cut)
    {
        var widths = Fit(width);
        var shortened = false;
        writer.WriteLine(Line(_columns.Select(c => c.Header).ToArray(), widths, (_, _) => { }, -1));
        for (var i = 0; i < _rows.Count; i++)
        {
            writer.WriteLine(Line(_rows[i], widths, (row, column) =>
            {
                shortened = true;
                cut(row, column);
            }, i));
        }

        return shortened;
    }

    private int[] Fit(int width)
    {
        var widths = _columns.Select((c, i) => Math.Max(c.Header.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var total = widths.Sum() + Gap * (widths.Length - 1);
        while (total > width)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] > _columns[i].Minimum && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                break;
            }

            var excess = total - width;
            var give = Math.Min(excess, widths[widest] - _columns[widest].Minimum);
            // Give one at a time while others are as wide, so the widest columns shrink together.
            var runnerUp = widths.Where((w, i) => i != widest).DefaultIfEmpty(0).Max();
            give = Math.Max(1, Math.Min(give, widths[widest] - runnerUp));
            widths[widest] -= give;
            total -= give;
        }

        return widths;
    }

    private static string Line(string[] cells, int[] widths, Action<int, int> cut, int row)
    {
        var parts = new string[widths.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : "";
            if (cell.Length > widths[i])
            {
                cell = cell[..(widths[i] - 1)] + "…";
                cut(row, i);
            }

            parts[i] = i == widths.Length - 1 ? cell : cell.PadRight(widths[i]);
        }

        return string.Join(new string(' ', Gap), parts).TrimEnd();
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}

namespace Stagecraft.Cli.Rendering.Plans;

/// <summary>
/// Packs markdown blocks into comments of at most a budget of characters. A table is cut only between
/// rows and each part repeats its header; a folded code block is cut only between lines and each part is
/// folded and fenced again; so every comment renders on its own. A single row or line longer than a
/// whole comment is clipped (marked with '…') rather than cut across comments.
/// </summary>
internal sealed class CommentSplitter
{
    private const string Separator = "\n";
    private readonly int _budget;
    private readonly List<string> _comments = [];
    private readonly StringBuilder _current = new();

    private CommentSplitter(int budget) => _budget = budget;

    public static IReadOnlyList<string> Split(IEnumerable<MarkdownBlock> blocks, int budget)
    {
        var splitter = new CommentSplitter(budget);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock text:
                    splitter.AddText(text.Text);
                    break;
                case TableBlock table:
                    splitter.AddTable(table);
                    break;
                case FoldedCodeBlock folded:
                    splitter.AddFolded(folded);
                    break;
                default:
                    throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(blocks));
            }
        }

        splitter.Flush();
        return splitter._comments.Count == 0 ? [""] : splitter._comments;
    }

    private void AddText(string text)
    {
        var piece = MarkdownText.Clip(text, _budget - Separator.Length) + "\n";
        EnsureRoom(piece.Length);
        Append(piece);
    }

    private void AddTable(TableBlock table)
    {
        var header = table.Header.TrimEnd('\n') + "\n";
        var open = false;
        foreach (var row in table.Rows)
        {
            var line = MarkdownText.Clip(row, _budget - Separator.Length - header.Length - 1) + "\n";
            if (open && _current.Length + line.Length > _budget)
            {
                Flush();
                open = false;
            }

            if (!open)
            {
                EnsureRoom(header.Length + line.Length);
                Append(header);
                open = true;
            }

            _current.Append(line);
        }
    }

    private void AddFolded(FoldedCodeBlock folded)
    {
        var fence = MarkdownText.Fence(folded.Lines);
        var summary = MarkdownText.Html(MarkdownText.Clip(folded.Summary, 300));
        var opening = $"<details><summary>{summary}</summary>\n\n{fence}text\n";
        var continued = $"<details><summary>{summary} (continued)</summary>\n\n{fence}text\n";
        var closing = $"{fence}\n\n</details>\n";
        var first = true;
        var open = false;
        foreach (var raw in folded.Lines)
        {
            var head = first ? opening : continued;
            var line = MarkdownText.Clip(MarkdownText.CodeLine(raw), _budget - Separator.Length - Math.Max(opening.Length, continued.Length) - closing.Length - 1) + "\n";
            if (open && _current.Length + line.Length + closing.Length > _budget)
            {
                _current.Append(closing);
                Flush();
                open = false;
            }

            if (!open)
            {
                EnsureRoom(head.Length + line.Length + closing.Length);
                Append(head);
                open = true;
                first = false;
            }

            _current.Append(line);
        }

        if (open)
        {
            _current.Append(closing);
        }
    }

    /// <summary>Starts a new comment unless this one has room for a piece (plus the blank line before it).</summary>
    private void EnsureRoom(int length)
    {
        if (_current.Length > 0 && _current.Length + Separator.Length + length > _budget)
        {
            Flush();
        }
    }

    private void Append(string piece)
    {
        if (_current.Length > 0)
        {
            _current.Append(Separator);
        }

        _current.Append(piece);
    }

    private void Flush()
    {
        if (_current.Length > 0)
        {
            _comments.Add(_current.ToString());
            _current.Clear();
        }
    }
}

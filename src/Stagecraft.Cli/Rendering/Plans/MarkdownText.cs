namespace Stagecraft.Cli.Rendering.Plans;

/// <summary>Escaping for text that comes from project files and targets, so it renders as written.</summary>
internal static class MarkdownText
{
    // Only what can start emphasis, code, links, strikethrough or end a cell: the text stays readable raw.
    private const string Punctuation = "\\`*_[]|~";

    /// <summary>Text in a table cell: one line, markdown punctuation and HTML characters neutral.</summary>
    public static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    escaped.Append(' ');
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                default:
                    if (Punctuation.Contains(c, StringComparison.Ordinal))
                    {
                        escaped.Append('\\');
                    }

                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Text inside an HTML element such as &lt;summary&gt;: one line, HTML characters neutral.</summary>
    public static string Html(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .ReplaceLineEndings(" ");

    /// <summary>A line of a code block: one line (a fence inside cannot close ours, see <see cref="Fence"/>).</summary>
    public static string CodeLine(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');

    /// <summary>A backtick fence longer than any backtick run in the lines, so none of them closes it.</summary>
    public static string Fence(IEnumerable<string> lines)
    {
        var longest = 0;
        foreach (var line in lines)
        {
            var run = 0;
            foreach (var c in line)
            {
                run = c == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    /// <summary>Cuts text to a length, marking the cut.</summary>
    public static string Clip(string text, int length) => text.Length <= length ? text : text[..Math.Max(0, length - 1)] + "…";
}

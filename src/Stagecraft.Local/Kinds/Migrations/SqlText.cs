namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>Small helpers over SQL text: skipping whitespace and comments, line numbers, excerpts.</summary>
internal static class SqlText
{
    /// <summary>The index of the first character at or after <paramref name="start"/> that is not whitespace or a comment.</summary>
    public static int SkipTrivia(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '-' && i + 1 < end && text[i + 1] == '-')
            {
                while (i < end && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (text[i] == '/' && i + 1 < end && text[i + 1] == '*')
            {
                i = SkipBlockComment(text, i, end);
            }
            else
            {
                break;
            }
        }

        return Math.Min(i, end);
    }

    /// <summary>Skips a /* … */ comment starting at <paramref name="start"/>; nested comments count (PostgreSQL allows them).</summary>
    public static int SkipBlockComment(string text, int start, int end)
    {
        var depth = 0;
        var i = start;
        while (i < end)
        {
            if (text[i] == '/' && i + 1 < end && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < end && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return end;
    }

    /// <summary>1-based line of a character index.</summary>
    public static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>The first lines of a statement, for an error report.</summary>
    public static IReadOnlyList<string> Excerpt(string statement, int maxLines = 5)
    {
        var lines = statement.Split('\n');
        var shown = lines.Take(maxLines).Select(l => "  " + l.TrimEnd()).ToList();
        if (lines.Length > maxLines)
        {
            shown.Add("  …");
        }

        return shown;
    }
}

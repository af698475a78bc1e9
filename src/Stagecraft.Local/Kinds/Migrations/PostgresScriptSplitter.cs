namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Splits a PostgreSQL script into statements at top-level semicolons, so each can be sent alone
/// and an error's position maps to a line of the file. Semicolons inside quotes ('…', E'…', "…"),
/// dollar-quoted bodies ($$…$$, $tag$…$tag$) and comments (--, nested /* */) do not split.
/// Not handled: SQL-standard function bodies (BEGIN ATOMIC … END) — use a dollar-quoted body.
/// </summary>
internal static class PostgresScriptSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string text)
    {
        var statements = new List<SqlStatement>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || (c == '-' && Next(text, i) == '-') || (c == '/' && Next(text, i) == '*'))
            {
                // Whitespace and comments never start a statement.
                i = SqlText.SkipTrivia(text, i, text.Length);
                continue;
            }

            if (c == ';')
            {
                Add(statements, text, start, i);
                start = -1;
                i++;
                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            i = c switch
            {
                '\'' => SkipString(text, i, escapes: IsEscapeStringPrefix(text, i)),
                '"' => SkipQuoted(text, i, '"'),
                '$' when DollarTag(text, i) is { } tag => SkipDollarBody(text, i, tag),
                _ => i + 1,
            };
        }

        Add(statements, text, start, text.Length);
        return statements;
    }

    private static void Add(List<SqlStatement> statements, string text, int start, int end)
    {
        if (start < 0)
        {
            return;
        }

        var statement = text[start..end].TrimEnd();
        if (statement.Length > 0)
        {
            statements.Add(new SqlStatement(statement, SqlText.LineOf(text, start)));
        }
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    // E'…' (or e'…') is an escape string: a backslash escapes the next character.
    private static bool IsEscapeStringPrefix(string text, int quote) =>
        quote > 0 && text[quote - 1] is 'E' or 'e' && (quote < 2 || !IsIdentifierChar(text[quote - 2]));

    private static int SkipString(string text, int quote, bool escapes)
    {
        var i = quote + 1;
        while (i < text.Length)
        {
            if (escapes && text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] == '\'')
            {
                if (Next(text, i) == '\'')
                {
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static int SkipQuoted(string text, int quote, char delimiter)
    {
        var i = quote + 1;
        while (i < text.Length)
        {
            if (text[i] == delimiter)
            {
                if (Next(text, i) == delimiter)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>The tag at a '$' ("$$" or "$name$"), or null when this '$' is not a dollar quote ($1, or part of an identifier).</summary>
    private static string? DollarTag(string text, int dollar)
    {
        if (dollar > 0 && IsIdentifierChar(text[dollar - 1]))
        {
            return null;
        }

        var i = dollar + 1;
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }
        }

        return i < text.Length && text[i] == '$' ? text[dollar..(i + 1)] : null;
    }

    private static int SkipDollarBody(string text, int dollar, string tag)
    {
        var close = text.IndexOf(tag, dollar + tag.Length, StringComparison.Ordinal);
        return close < 0 ? text.Length : close + tag.Length;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}

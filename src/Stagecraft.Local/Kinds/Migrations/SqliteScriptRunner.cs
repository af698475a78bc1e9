using SQLitePCL;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Runs a script on a SQLite handle one statement at a time with SQLite's own parser
/// (prepare + tail), so triggers and quoting are split exactly as SQLite reads them and a failing
/// statement's line in the file is exact.
/// </summary>
internal static class SqliteScriptRunner
{
    public static void Run(sqlite3 db, MigrationScript script, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(script.Text);
        var offset = 0;
        var line = 1;
        while (offset < bytes.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var consumed = Step(db, bytes, offset, line, cancellationToken);
            if (consumed == 0)
            {
                break;
            }

            line += bytes.AsSpan(offset, consumed).Count((byte)'\n');
            offset += consumed;
        }
    }

    // Prepares and runs the next statement; returns how many bytes it took (0 at the end).
    private static int Step(sqlite3 db, byte[] bytes, int offset, int line, CancellationToken cancellationToken)
    {
        var remaining = bytes.AsSpan(offset);
        var rc = raw.sqlite3_prepare_v2(db, remaining, out var statement, out var tail);
        var consumed = remaining.Length - tail.Length;
        using (statement)
        {
            var segment = Encoding.UTF8.GetString(bytes, offset, rc == raw.SQLITE_OK ? consumed : remaining.Length);
            var start = SqlText.SkipTrivia(segment, 0, segment.Length);
            var statementLine = line + SqlText.LineOf(segment, start) - 1;
            var text = Cut(segment[start..], rc == raw.SQLITE_OK);
            if (rc != raw.SQLITE_OK)
            {
                throw Failure(db, rc, statementLine, text, cancellationToken);
            }

            if (statement is null || statement.IsInvalid)
            {
                return consumed; // only whitespace or comments
            }

            if (TransactionControl.Is(text))
            {
                throw new MigrationScriptException(statementLine, "transaction control is not allowed in a migration: each file runs in one transaction that Stagecraft commits", text);
            }

            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure(db, rc, statementLine, text, cancellationToken);
            }
        }

        return consumed;
    }

    // A failed prepare has no tail: show up to the first ';' of what is left.
    private static string Cut(string text, bool complete)
    {
        if (complete)
        {
            return text.TrimEnd().TrimEnd(';').TrimEnd();
        }

        var end = text.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd();
    }

    private static Exception Failure(sqlite3 db, int rc, int line, string text, CancellationToken cancellationToken)
    {
        if (rc == raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(cancellationToken);
        }

        return new MigrationScriptException(line, raw.sqlite3_errmsg(db).utf8_to_string(), text);
    }
}

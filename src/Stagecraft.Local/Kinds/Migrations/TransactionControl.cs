namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Each migration runs in a transaction Stagecraft opens and commits; a COMMIT or BEGIN in the file
/// would break that (half a file applied, history out of step), so such statements are refused.
/// Savepoints (SAVEPOINT, RELEASE, ROLLBACK TO) stay allowed.
/// </summary>
internal static class TransactionControl
{
    private static readonly string[] Refused = ["BEGIN", "COMMIT", "END", "ABORT", "START"];

    public static bool Is(string statement)
    {
        var words = statement.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }

        var first = words[0].TrimEnd(';').ToUpperInvariant();
        if (first == "ROLLBACK")
        {
            return !(words.Length > 1 && words[1].Equals("TO", StringComparison.OrdinalIgnoreCase))
                && !(words.Length > 2 && words[2].StartsWith("TO", StringComparison.OrdinalIgnoreCase) && words[1].Equals("TRANSACTION", StringComparison.OrdinalIgnoreCase));
        }

        return first == "START"
            ? words.Length > 1 && words[1].StartsWith("TRANSACTION", StringComparison.OrdinalIgnoreCase)
            : Refused.Contains(first, StringComparer.Ordinal);
    }
}

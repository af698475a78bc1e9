namespace Stagecraft.Core.Diagnostics;

/// <summary>Suggests the nearest known name for a typo (edit distance), or lists what exists.</summary>
public static class DidYouMean
{
    public static string? Suggest(string given, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Allow roughly one typo per three characters, never more than three.
        var allowed = Math.Min(3, Math.Max(1, given.Length / 3));
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>"did you mean 'x'?" when close, otherwise the list of valid names.</summary>
    public static string Hint(string given, IReadOnlyCollection<string> known, string what)
    {
        var suggestion = Suggest(given, known);
        if (suggestion is not null)
        {
            return $"did you mean '{suggestion}'?";
        }

        return known.Count == 0 ? $"no {what} are defined" : $"valid {what}: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
    }

    // Optimal string alignment distance: a swap of two neighbours counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

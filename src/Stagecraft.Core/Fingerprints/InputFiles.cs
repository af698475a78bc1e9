using Microsoft.Extensions.FileSystemGlobbing;

namespace Stagecraft.Core.Fingerprints;

/// <summary>
/// Finds the files a stage declares with <c>inputs</c> globs (relative to the project; a leading
/// '!' excludes) and hashes their content. Paths use '/' so hashes match across machines.
/// Stagecraft's own directory and .git are never inputs.
/// </summary>
public static class InputFiles
{
    public const string PatternHint = "inputs are globs inside the project, e.g. app/** or !app/bin/**; '..' could reach files outside it";

    /// <summary>Why a pattern cannot be used, or null: a '..' segment could reach outside the project (and the globbing library refuses it mid-pattern).</summary>
    /// <param name="shown">How to name the pattern in the message: its masked form when it holds a secret.</param>
    public static string? Problem(string pattern, string? shown = null)
    {
        var path = pattern.StartsWith('!') ? pattern[1..] : pattern;
        return path.Replace('\\', '/').Split('/').Contains("..") ? $"input pattern '{shown ?? pattern}' uses '..'" : null;
    }

    public static IReadOnlyDictionary<string, string> Hash(string projectDirectory, IReadOnlyList<string> patterns)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (patterns.Count == 0)
        {
            return result;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                matcher.AddExclude(pattern[1..]);
            }
            else
            {
                matcher.AddInclude(pattern);
            }
        }

        matcher.AddExclude(".stagecraft/**");
        matcher.AddExclude(".git/**");
        foreach (var relative in matcher.GetResultsInFullPath(projectDirectory)
                     .Select(full => Path.GetRelativePath(projectDirectory, full).Replace('\\', '/')))
        {
            using var stream = File.OpenRead(Path.Combine(projectDirectory, relative));
            result[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return result;
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Stagecraft.Core.Fingerprints;

/// <summary>
/// Finds the files a stage declares with <c>inputs</c> globs (relative to the project; a leading
/// '!' excludes) and hashes their content. Paths use '/' so hashes match across machines.
/// Stagecraft's own directory and .git are never inputs.
/// </summary>
public static class InputFiles
{
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

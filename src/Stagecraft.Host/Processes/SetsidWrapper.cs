namespace Stagecraft.Host.Processes;

/// <summary>
/// util-linux's setsid, used as argv[0] so a child starts as the leader of its own session and
/// process group without a shell in between: the group can then be signalled as a whole.
/// </summary>
internal static class SetsidWrapper
{
    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The setsid binary, or null where there is none (macOS, Windows): then trees are killed by walking them.</summary>
    public static string? Path => Located.Value;

    /// <summary>
    /// Arguments that put <paramref name="program"/> in a new group. '--wait' keeps the exit code
    /// right in the one case setsid forks (when it is itself a group leader, which a .NET child is not).
    /// </summary>
    public static IEnumerable<string> Prefix(string program) => ["--wait", program];

    private static string? Locate()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] known = ["/usr/bin/setsid", "/bin/setsid"];
        foreach (var candidate in known)
        {
            if (File.Exists(candidate) && PosixNative.CanExecute(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

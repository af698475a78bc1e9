namespace Stagecraft.Aws.Tools;

/// <summary>Finds a program on a PATH, so a missing CLI is reported with how to install it before anything starts.</summary>
internal static class ToolLocator
{
    public static string? Find(string program, string? path)
    {
        foreach (var directory in (path ?? "").Split(Path.PathSeparator))
        {
            if (directory.Length == 0 || !Path.IsPathRooted(directory))
            {
                continue;
            }

            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }
}

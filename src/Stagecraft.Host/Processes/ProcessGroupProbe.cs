namespace Stagecraft.Host.Processes;

/// <summary>
/// Whether any process of a group still runs. Zombies do not count: an orphan that was killed
/// stays a zombie for as long as an init that never reaps (as in some containers) leaves it.
/// </summary>
internal static class ProcessGroupProbe
{
    private const string ProcRoot = "/proc";

    public static bool HasLiveMembers(int groupId)
    {
        if (!PosixNative.Signal(-groupId, 0))
        {
            return false;
        }

        if (!Directory.Exists(Path.Combine(ProcRoot, "self")))
        {
            return true;
        }

        foreach (var directory in Directory.EnumerateDirectories(ProcRoot))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && ReadStat(directory) is { } stat && stat.Group == groupId && stat.State is not ('Z' or 'X'))
            {
                return true;
            }
        }

        return false;
    }

    private static (char State, int Group)? ReadStat(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so count from the last ')'.
        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 2 && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            ? (fields[0][0], group)
            : null;
    }
}

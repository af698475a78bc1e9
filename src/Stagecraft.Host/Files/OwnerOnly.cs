namespace Stagecraft.Host.Files;

/// <summary>
/// Creates files and directories only their owner can read (0600 / 0700), so keys, secrets and
/// parameters are never readable by other users even for a moment after creation.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the directory (and missing parents) as 0700; an existing one is left as it is.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Makes sure the file exists with mode 0600 (tightening it if it was created looser).</summary>
    public static void EnsureFile(string path)
    {
        EnsureDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            try
            {
                using var created = Create(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; fine.
            }
        }

        Restrict(path);
    }

    /// <summary>Removes group and other permissions from a file if it exists (made by hand, or by an older tool).</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                File.SetUnixFileMode(path, mode & ~GroupOrOther);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Someone else owns it; only they can change its mode.
        }
        catch (FileNotFoundException)
        {
            // SQLite's -wal and -shm files disappear when the last connection closes.
        }
    }

    /// <summary>Creates a new file as 0600; fails if it exists.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>True when group or others have any access to the file.</summary>
    public static bool IsShared(string path) => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0;

    public static string ModeText(string path) =>
        OperatingSystem.IsWindows() ? "?" : Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}

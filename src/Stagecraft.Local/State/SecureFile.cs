namespace Stagecraft.Local.State;

/// <summary>
/// Keeps the state file readable by its owner only (DESIGN §8). The file is created 0600 before
/// SQLite ever opens it, so there is no moment it is world-readable; SQLite then gives its -wal
/// and -shm files the database file's mode.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates an empty owner-only file (and its missing directories, owner-only) unless it exists.</summary>
    public static void CreateOwnerOnly(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerDirectory);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            // SQLite treats an empty file as a new database, so creating it here loses nothing.
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it between our check and now; it is tightened below.
        }

        RestrictToOwner(path);
    }

    /// <summary>Removes group and other permissions from a file if it exists (one made by hand, or an older tool).</summary>
    public static void RestrictToOwner(string path)
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
            // Someone else owns it; only they can change its mode, and SQLite can still use it.
        }
        catch (FileNotFoundException)
        {
            // -wal and -shm disappear when the last connection closes.
        }
    }
}

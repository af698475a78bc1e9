namespace Stagecraft.Host.Files;

/// <summary>
/// Creates files and directories only their owner can read (0600 / 0700), so keys, secrets and
/// parameters are never readable by other users even for a moment after creation. The one place
/// Stagecraft sets a file mode: everything private goes through here.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    /// <summary>0711: others may pass through to a path below (a socket they are meant to reach) but not list it.</summary>
    public const UnixFileMode TraversableDirectoryMode = DirectoryMode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
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

    /// <summary>Creates the directory if needed and sets exactly 0700 (0711 when <paramref name="traversable"/>), whatever it was.</summary>
    public static void SetDirectory(string path, bool traversable = false)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var mode = traversable ? TraversableDirectoryMode : DirectoryMode;
        Directory.CreateDirectory(path, mode);
        if (File.GetUnixFileMode(path) != mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>Sets exactly 0600 on something that exists already (a socket bound by this process).</summary>
    public static void SetFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
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
    public static FileStream Create(string path) => Open(path, System.IO.FileMode.CreateNew, FileAccess.Write);

    /// <summary>Opens a file that, when this creates it, is created as 0600 (an existing file keeps its mode).</summary>
    public static FileStream Open(string path, System.IO.FileMode mode, FileAccess access, FileShare share = FileShare.None)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Writes the whole file as 0600 beside <paramref name="path"/> and renames it over the old one, so a
    /// reader sees the old content or the new, never half. <paramref name="durable"/> flushes it to disk first.
    /// </summary>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, bool durable, CancellationToken cancellationToken)
    {
        var temporary = TemporaryBeside(path);
        try
        {
            var stream = Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Synchronous <see cref="ReplaceAsync"/>, for callers under a lock.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> content, bool durable = false)
    {
        var temporary = TemporaryBeside(path);
        try
        {
            using (var stream = Create(temporary))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // In the same directory, so the rename is atomic; unique, so two writers never share one.
    private static string TemporaryBeside(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>True when group or others have any access to the file.</summary>
    public static bool IsShared(string path) => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0;

    public static string ModeText(string path) =>
        OperatingSystem.IsWindows() ? "?" : Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}

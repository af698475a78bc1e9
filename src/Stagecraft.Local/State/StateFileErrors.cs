namespace Stagecraft.Local.State;

/// <summary>
/// Turns what SQLite and the file system say about a state file into an error that names the file and
/// what to do (exit 1): a damaged file, a read-only file or directory, a full disk. Each state write is
/// one transaction, so when one of these stops it nothing of that write was kept.
/// </summary>
internal static class StateFileErrors
{
    private const int Permission = 3;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>Whether SQLite's error is about the file (its state, its disk), not about a statement (a bug, reported as it is).</summary>
    public static bool IsAboutTheFile(SqliteException error) =>
        error.SqliteErrorCode is Permission or ReadOnly or IoError or Corrupt or Full or CannotOpen or NotADatabase;

    public static StagecraftException From(string path, SqliteException error)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return error.SqliteErrorCode switch
        {
            Corrupt or NotADatabase => new StagecraftException(
                $"state file {path} is damaged: {error.Message.TrimEnd('.')}",
                ExitCodes.StageFailed,
                $"move it aside and put back a good copy (a backup, or a file saved with 'stagecraft state pull' and restored with 'stagecraft state push'); 'sqlite3 {path} .recover' may salvage what it holds",
                error),
            ReadOnly => ReadOnlyError(path, directory, error),
            CannotOpen when !IsWritable(directory) => ReadOnlyError(path, directory, error),
            Full => DiskFull(path, directory, error),
            IoError when IsNearlyFull(directory) => DiskFull(path, directory, error),
            _ => new StagecraftException(
                $"state file {path} could not be used: {error.Message.TrimEnd('.')}",
                ExitCodes.StageFailed,
                $"check the file and its directory {directory} (space, permissions, mount), then run again",
                error),
        };
    }

    /// <summary>Creating or restricting the file failed before SQLite opened it (an IOException or UnauthorizedAccessException).</summary>
    public static StagecraftException FromFileSystem(string path, Exception error)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return error is IOException { HResult: NoSpaceErrno } || IsNearlyFull(directory)
            ? DiskFull(path, directory, error)
            : ReadOnlyError(path, directory, error);
    }

    // ENOSPC: .NET gives an IOException the errno as its HResult on Unix.
    private const int NoSpaceErrno = 28;

    private static StagecraftException DiskFull(string path, string directory, Exception error) =>
        new($"state file {path} cannot be written: the disk is full",
            ExitCodes.StageFailed,
            $"free space on the file system that holds {directory}, then run again (the interrupted write was not kept)",
            error);

    private static StagecraftException ReadOnlyError(string path, string directory, Exception error) =>
        new($"state file {path} cannot be written: the file or its directory {directory} is read-only or not accessible ({error.Message.TrimEnd('.')})",
            ExitCodes.StageFailed,
            $"make {directory} and the file writable for this user (check its mount and permissions), then run again",
            error);

    // SQLite reports a write that hit ENOSPC in its WAL or shared memory as an I/O error, not SQLITE_FULL.
    private static bool IsNearlyFull(string directory)
    {
        const long Margin = 1024 * 1024;
        var full = System.IO.Path.GetFullPath(directory);
        var drive = DriveInfo.GetDrives()
            .Where(d => full == d.RootDirectory.FullName.TrimEnd('/') || full.StartsWith(d.RootDirectory.FullName.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(d => d.RootDirectory.FullName.Length);
        try
        {
            return drive is not null && drive.AvailableFreeSpace < Margin;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Whether this process could create a file there: the mode bits mean nothing to root, a read-only mount does.
    private static bool IsWritable(string path) => Stagecraft.Host.Processes.PosixNative.CanWrite(path);
}

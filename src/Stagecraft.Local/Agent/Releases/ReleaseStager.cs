namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Copies a revision into its release directory atomically: into a temporary sibling first, renamed into
/// place only once complete, so a release directory is never half there. Hashes the content on the way
/// (paths, modes and bytes), which is the release's revision id.
/// </summary>
internal static class ReleaseStager
{
    public const string StagingPrefix = ".staging-";

    public static async Task<string> StageAsync(string revision, string releaseDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(revision))
        {
            throw new ReleaseFailedException($"the revision directory {revision} does not exist", hint: "deploy the stage that builds it first");
        }

        var parent = Path.GetDirectoryName(releaseDirectory)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, StagingPrefix + Path.GetFileName(releaseDirectory) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var hash = await CopyAsync(revision, temp, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(releaseDirectory))
            {
                Directory.Delete(releaseDirectory, recursive: true);
            }

            Directory.Move(temp, releaseDirectory);
            return hash;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temporary copies an interrupted agent left behind.</summary>
    public static void CleanLeftovers(string releasesDirectory)
    {
        if (!Directory.Exists(releasesDirectory))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateDirectories(releasesDirectory, StagingPrefix + "*"))
        {
            TryDelete(leftover);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Retried at the next prune or start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static async Task<string> CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        using var total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Directory.CreateDirectory(destination);
        CopyMode(source, destination);
        var entries = Directory.EnumerateFileSystemEntries(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(full => Path.GetRelativePath(source, full))
            .Order(StringComparer.Ordinal)
            .ToList();
        var buffer = new byte[81920];
        foreach (var relative in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = Path.Combine(source, relative);
            var to = Path.Combine(destination, relative);
            var info = new FileInfo(from);
            if (info.LinkTarget is { } link)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.CreateSymbolicLink(to, link);
                total.AppendData(Encoding.UTF8.GetBytes($"L {relative}\0{link}\0"));
            }
            else if (Directory.Exists(from))
            {
                Directory.CreateDirectory(to);
                CopyMode(from, to);
                total.AppendData(Encoding.UTF8.GetBytes($"D {relative}\0"));
            }
            else
            {
                total.AppendData(Encoding.UTF8.GetBytes($"F {relative}\0{(OperatingSystem.IsWindows() ? 0 : (int)File.GetUnixFileMode(from))}\0"));
                await CopyFileAsync(from, to, total, buffer, cancellationToken).ConfigureAwait(false);
                CopyMode(from, to);
            }
        }

        return Convert.ToHexStringLower(total.GetHashAndReset())[..16];
    }

    private static async Task CopyFileAsync(string from, string to, IncrementalHash total, byte[] buffer, CancellationToken cancellationToken)
    {
        using var file = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        await using var output = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            file.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        total.AppendData(file.GetHashAndReset());
    }

    private static void CopyMode(string from, string to)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
    }
}

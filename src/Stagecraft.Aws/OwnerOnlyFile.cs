namespace Stagecraft.Aws;

/// <summary>
/// Creates files readable by their owner only (0600): they may hold resolved secrets, and the
/// default umask would leave them readable by every user on the machine.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="path"/> (it must not exist yet) with <paramref name="text"/> as UTF-8.</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), Options());
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous <see cref="WriteAsync"/>, for callers that are not async.</summary>
    public static void Write(string path, string text)
    {
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), Options());
        writer.Write(text);
    }

    /// <summary>An empty owner-only file, so a tool that writes into it later keeps the mode.</summary>
    public static void CreateEmpty(string path) => new FileStream(path, Options()).Dispose();

    /// <summary>Deletes the file if it exists; a missing file is not an error.</summary>
    public static void Delete(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }

    private static FileStreamOptions Options()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}

using Stagecraft.Host.Files;

namespace Stagecraft.Aws;

/// <summary>
/// Files for the AWS tools that may hold resolved secrets, created through <see cref="OwnerOnly"/>
/// (0600): the default umask would leave them readable by every user on the machine.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="path"/> (it must not exist yet) with <paramref name="text"/> as UTF-8.</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(OwnerOnly.Create(path), new System.Text.UTF8Encoding(false));
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous <see cref="WriteAsync"/>, for callers that are not async.</summary>
    public static void Write(string path, string text)
    {
        using var writer = new StreamWriter(OwnerOnly.Create(path), new System.Text.UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>An empty owner-only file, so a tool that writes into it later keeps the mode.</summary>
    public static void CreateEmpty(string path) => OwnerOnly.Create(path).Dispose();

    /// <summary>Deletes the file if it exists; a missing file is not an error.</summary>
    public static void Delete(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}

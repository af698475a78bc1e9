using Stagecraft.Host.Files;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Writes a file readable by its owner only (a state export holds the HMAC key), all at once, so a
/// reader never sees half a file; a path that cannot be written is the user's input error.
/// </summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await OwnerOnly.ReplaceAsync(path, content, durable: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new Core.Diagnostics.StagecraftException($"cannot write {path}: {error.Message}", Core.Diagnostics.ExitCodes.InvalidInput, "give a path in a directory you can write to");
        }
    }
}

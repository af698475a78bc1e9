namespace Stagecraft.Local.Kinds.Command;

/// <summary>
/// The fresh, owner-only file a command writes outputs to ($STAGECRAFT_OUTPUT). It is deleted
/// afterwards: outputs may hold secrets, and state keeps them from here on.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private OutputFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static OutputFile Create(string stageDirectory, long runId)
    {
        Directory.CreateDirectory(stageDirectory);
        var path = System.IO.Path.Combine(stageDirectory, $"output-{runId}-{Guid.NewGuid():N}.env");
        using (OwnerOnly.Create(path))
        {
            // Created empty so a command can append with '>>' right away.
        }

        return new OutputFile(path);
    }

    /// <summary>The outputs written; a command that removed the file wrote none.</summary>
    public async Task<IReadOnlyDictionary<string, OutputValue>> ReadAsync(SecretMasker masker, CancellationToken cancellationToken) =>
        File.Exists(Path)
            ? OutputParser.Parse(await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false), masker)
            : new Dictionary<string, OutputValue>();

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left in the stage's private directory; the next run uses a new name.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: the command changed its permissions.
        }
    }
}

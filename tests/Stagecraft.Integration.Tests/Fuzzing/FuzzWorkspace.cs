using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>
/// One worker's project directories: a copy of each example (its app's files are what validate
/// checks paths against), made once, and an empty one for snippets from the docs.
/// </summary>
internal sealed class FuzzWorkspace : IDisposable
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", ".stagecraft"];
    private readonly TempDirectory _root = new("stagecraft-fuzz");
    private readonly Dictionary<string, FuzzDirectory> _directories = new(StringComparer.Ordinal);

    public FuzzDirectory For(string? home)
    {
        var key = home ?? "";
        if (!_directories.TryGetValue(key, out var directory))
        {
            var path = _root.Combine(_directories.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(path);
            if (home is not null)
            {
                Copy(home, path);
            }

            directory = new FuzzDirectory(path);
            _directories[key] = directory;
        }

        return directory;
    }

    public void Dispose() => _root.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.GetDirectories(from).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            var target = Path.Combine(to, Path.GetFileName(sub));
            Directory.CreateDirectory(target);
            Copy(sub, target);
        }
    }
}

/// <summary>A project directory and what it held before any case ran, to prove a case wrote nothing.</summary>
internal sealed class FuzzDirectory
{
    private readonly HashSet<string> _before;

    public FuzzDirectory(string path)
    {
        Path = path;
        ProjectFile = System.IO.Path.Combine(path, "stagecraft.yml");
        File.WriteAllText(ProjectFile, "");
        _before = Entries();
    }

    public string Path { get; }

    public string ProjectFile { get; }

    /// <summary>Entries that appeared since the directory was set up.</summary>
    public IReadOnlyList<string> Changes() => Entries().Except(_before).Order(StringComparer.Ordinal).ToList();

    public void Restore()
    {
        foreach (var entry in Changes().Select(e => System.IO.Path.Combine(Path, e)))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else if (File.Exists(entry))
            {
                File.Delete(entry);
            }
        }
    }

    private HashSet<string> Entries() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Select(e => System.IO.Path.GetRelativePath(Path, e)).ToHashSet(StringComparer.Ordinal);
}

using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Examples;

/// <summary>A copy of one of examples/ in a fresh folder under the system temp directory, outside the checkout.</summary>
internal static class ExampleCopy
{
    public static string OutsideTheRepository(string example)
    {
        var directory = Path.Combine(Path.GetTempPath(), "stagecraft-example-" + Guid.NewGuid().ToString("N")[..10], example);
        Path.GetRelativePath(Repository.Root, directory).Should().StartWith("..", "the copy must not be inside the repository");
        Copy(Path.Combine(Repository.Root, "examples", example), directory);
        return directory;
    }

    /// <summary>Deletes the folder made for the copy.</summary>
    public static void Delete(string copy)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
        catch (IOException)
        {
            // A process the agent ran may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (LeftBehind(from, relative))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>What a build or a deploy inside the checkout left: state, node_modules, and a .NET project's bin/ and obj/.</summary>
    private static bool LeftBehind(string root, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            if (part is ".stagecraft" or "node_modules")
            {
                return true;
            }

            if (part is "bin" or "obj" && Directory.EnumerateFiles(Path.Combine([root, .. parts[..i]]), "*.csproj").Any())
            {
                return true;
            }
        }

        return false;
    }
}

namespace Stagecraft.Core.Paths;

/// <summary>
/// Keeps paths from the project file inside the project directory: '..' that climbs out, or an
/// absolute path elsewhere, is refused unless the project sets allow_absolute_paths.
/// </summary>
public static class ProjectPaths
{
    public static string Resolve(string projectDirectory, string path, bool allowOutside, SourceLocation location)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(projectDirectory, path));
        if (!allowOutside && !IsInside(projectDirectory, full))
        {
            throw new StagecraftException(
                $"{location}: path '{path}' is outside the project directory",
                ExitCodes.InvalidInput,
                "keep paths inside the project, or set 'allow_absolute_paths: true' at the top of the project file");
        }

        return full;
    }

    public static bool IsInside(string directory, string fullPath)
    {
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal) || fullPath == root.TrimEnd(Path.DirectorySeparatorChar);
    }
}

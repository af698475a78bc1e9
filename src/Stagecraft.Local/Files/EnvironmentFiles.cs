namespace Stagecraft.Local.Files;

/// <summary>Where the local target keeps an environment's parameter store and secrets: beside its state.</summary>
internal static class EnvironmentFiles
{
    public static string Parameters(StagecraftDirectories directories) => Path.Combine(directories.Root, directories.Environment + ".params.db");

    public static string Secrets(StagecraftDirectories directories) => Path.Combine(directories.Root, directories.Environment + ".secrets.db");

    /// <summary>A path as the operator knows it: relative to the project when inside it.</summary>
    public static string Display(StagecraftDirectories directories, string path) =>
        ProjectPaths.IsInside(directories.ProjectDirectory, path) ? Path.GetRelativePath(directories.ProjectDirectory, path) : path;
}

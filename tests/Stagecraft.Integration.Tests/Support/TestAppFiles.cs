namespace Stagecraft.Integration.Tests.Support;

/// <summary>The controllable web app (tests/Stagecraft.TestApp), built next to the tests; copied into a project as a revision.</summary>
public static class TestAppFiles
{
    public static readonly string[] Files = ["Stagecraft.TestApp.dll", "Stagecraft.TestApp.runtimeconfig.json", "Stagecraft.TestApp.deps.json"];

    public static IReadOnlyList<string> Start => ["dotnet", "Stagecraft.TestApp.dll"];

    /// <summary>Copies the app into <paramref name="directory"/>, with a marker file so each copy's content differs when asked.</summary>
    public static void CopyTo(string directory, string marker = "")
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Files)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(directory, file), overwrite: true);
        }

        File.WriteAllText(Path.Combine(directory, "marker.txt"), marker);
    }
}

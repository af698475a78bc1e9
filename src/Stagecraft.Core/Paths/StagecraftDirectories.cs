namespace Stagecraft.Core.Paths;

/// <summary>Where Stagecraft keeps its files inside a project: .stagecraft/…</summary>
public sealed record StagecraftDirectories(string ProjectDirectory, string Environment)
{
    public string Root => Path.Combine(ProjectDirectory, ".stagecraft");

    public string EnvironmentRoot => Path.Combine(Root, Environment);

    public string StageDirectory(string stage) => Path.Combine(EnvironmentRoot, "stages", stage);

    public string RunLogDirectory(long runId) => Path.Combine(EnvironmentRoot, "logs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string DefaultStateFile => Path.Combine(Root, Environment + ".db");
}

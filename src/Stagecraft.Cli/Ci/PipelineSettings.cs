namespace Stagecraft.Cli.Ci;

/// <summary>What a generated pipeline is made from: the project, where its file is, and how to install Stagecraft.</summary>
internal sealed record PipelineSettings(
    ProjectDefinition Project,
    string ProjectFile,
    string Version,
    string? Feed,
    string NameTemplate,
    string Branch,
    IReadOnlyList<string> HostVariables)
{
    /// <summary>The CircleCI context or GitHub environment of a Stagecraft environment.</summary>
    public string ContextOf(EnvironmentDefinition environment) => NameTemplate.Replace("{environment}", environment.Name, StringComparison.Ordinal);

    /// <summary>The shell line that installs the tool package into ./.stagecraft-tool.</summary>
    public string InstallCommand => $"dotnet tool install --tool-path .stagecraft-tool stagecraft --version {Version}" + (Feed is null ? "" : $" --add-source {Feed}");

    public string Stagecraft => "./.stagecraft-tool/stagecraft";
}

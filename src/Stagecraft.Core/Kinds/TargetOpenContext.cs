namespace Stagecraft.Core.Kinds;

public sealed record TargetOpenContext(
    ProjectDefinition Project,
    EnvironmentDefinition Environment,
    IStateStore State,
    StagecraftDirectories Directories,
    SecretMasker Masker,
    TimeProvider Time)
{
    /// <summary>Who runs us and our environment variables (a target may read its keys or credentials from them).</summary>
    public IHostInfo? Host { get; init; }
}

namespace Stagecraft.Core.State;

public sealed record StateOpenContext(
    ProjectDefinition Project,
    EnvironmentDefinition Environment,
    ResolvedMap Settings,
    StagecraftDirectories Directories,
    TimeProvider Time)
{
    /// <summary>Encrypts sensitive outputs at rest; without one they are stored as **** (and cannot be consumed later).</summary>
    public IValueProtector? Protector { get; init; }
}

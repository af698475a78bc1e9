namespace Stagecraft.Local.Secrets;

/// <summary>Entry points for the CLI and targets: the key source and the state protector of an environment.</summary>
public static class LocalKeys
{
    internal static EnvironmentKeySource For(ProjectDefinition project, EnvironmentDefinition environment, IHostInfo? host) =>
        new(project.Name, environment.Name, project.Directory, host is null ? Environment.GetEnvironmentVariable : host.GetEnvironmentVariable);

    /// <summary>Encrypts sensitive outputs in state with the environment key (read only when first needed).</summary>
    public static IValueProtector StateProtector(ProjectDefinition project, EnvironmentDefinition environment, IHostInfo host) =>
        new StateValueProtector(For(project, environment, host), project.Name, environment.Name);
}

namespace Stagecraft.Core.Config;

/// <summary>A validated project file.</summary>
public sealed record ProjectDefinition(
    string Name,
    string FilePath,
    string Directory,
    string? Description,
    IReadOnlyDictionary<string, VariableDefinition> Variables,
    IReadOnlyList<EnvironmentDefinition> Environments,
    IReadOnlyList<StageDefinition> Stages,
    bool AllowAbsolutePaths)
{
    private Dictionary<string, StageDefinition>? _byName;

    /// <summary>Webhooks told about runs of every environment ('notify:' at the top of the file).</summary>
    public IReadOnlyList<NotifyDefinition> Notify { get; init; } = [];

    public StageDefinition? FindStage(string name)
    {
        _byName ??= Stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    public EnvironmentDefinition? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => e.Name == name);
}

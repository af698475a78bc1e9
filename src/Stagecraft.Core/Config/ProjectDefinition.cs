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

    /// <summary>Stages left out of this view by their 'only_in' (empty for the whole file).</summary>
    public IReadOnlySet<string> AbsentStages { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The project as one environment sees it: stages whose 'only_in' leaves it out are absent,
    /// and a depends_on naming an absent stage is dropped (the loader has already refused output
    /// references to a stage that can be absent where its consumer exists).
    /// </summary>
    public ProjectDefinition ForEnvironment(string environment)
    {
        var absent = Stages.Where(s => !s.ExistsIn(environment)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (absent.Count == 0)
        {
            return this;
        }

        var present = Stages.Where(s => !absent.Contains(s.Name))
            .Select(s => s with { Dependencies = s.Dependencies.Where(d => !absent.Contains(d.Stage)).ToList() })
            .ToList();
        return this with { Stages = present, AbsentStages = absent, _byName = null };
    }

    public EnvironmentDefinition? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => e.Name == name);
}

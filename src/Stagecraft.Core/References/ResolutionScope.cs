namespace Stagecraft.Core.References;

/// <summary>Everything a reference can name for one environment (and, inside a stage, that stage).</summary>
public sealed record ResolutionScope(
    string Project,
    string Environment,
    string ProjectDirectory,
    IReadOnlyDictionary<string, VariableDefinition> Variables,
    IOutputSource Outputs,
    IExternalValues External)
{
    /// <summary>The current stage's working directory; null outside a stage.</summary>
    public string? StageDirectory { get; init; }

    /// <summary>The current stage's own region (its 'region' setting); null to use the environment's.</summary>
    public string? StageRegion { get; init; }

    /// <summary>Resolved variables, shared by every stage of one plan so each is resolved once.</summary>
    public VariableCache VariableCache { get; init; } = new();
}

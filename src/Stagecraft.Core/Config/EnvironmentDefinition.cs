namespace Stagecraft.Core.Config;

/// <summary>A named deployment: where it goes, its variable overrides and its state backend.</summary>
public sealed record EnvironmentDefinition(
    string Name,
    SourceLocation Location,
    string Target,
    ConfigMap TargetSettings,
    IReadOnlyDictionary<string, VariableDefinition> Variables,
    StateSettings State,
    string? Description)
{
    /// <summary>'refresh: true': plan and deploy check deployed stages for drift before planning.</summary>
    public bool Refresh { get; init; }
    /// <summary>Webhooks told about runs of this environment, besides the project's.</summary>
    public IReadOnlyList<NotifyDefinition> Notify { get; init; } = [];

    /// <summary>'approval: true': a pipeline waits for a person before deploying this environment.</summary>
    public bool Approval { get; init; }

    public string? TargetSetting(string key) => (TargetSettings[key] as ConfigScalar)?.Text;
}

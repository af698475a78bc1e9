using Stagecraft.Core.Diagnostics;

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

    public string? TargetSetting(string key) => (TargetSettings[key] as ConfigScalar)?.Text;
}

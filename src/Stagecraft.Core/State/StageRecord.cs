namespace Stagecraft.Core.State;

/// <summary>What state remembers of one stage.</summary>
public sealed record StageRecord(
    string Name,
    string Kind,
    StageStatus Status,
    string? Fingerprint,
    FingerprintManifest? Manifest,
    IReadOnlyDictionary<string, OutputValue> Outputs,
    IReadOnlyList<string> DependsOn,
    string? SettingsJson,
    bool Protect,
    long? LastRunId,
    DateTimeOffset UpdatedAt,
    string? LastError)
{
    /// <summary>True when the stage has been deployed successfully at least once.</summary>
    public bool EverDeployed => Fingerprint is not null;
}

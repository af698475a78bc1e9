namespace Stagecraft.Core.State.Portable.Json;

internal sealed record PortableStage(
    string Name,
    string Kind,
    StageStatus Status,
    string? Fingerprint,
    FingerprintManifest? Manifest,
    Dictionary<string, PortableOutput> Outputs,
    List<string> DependsOn,
    string? SettingsJson,
    bool Protect,
    long? LastRunId,
    DateTimeOffset UpdatedAt,
    string? LastError);

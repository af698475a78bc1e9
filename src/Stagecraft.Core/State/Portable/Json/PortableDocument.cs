namespace Stagecraft.Core.State.Portable.Json;

/// <summary>The top of the JSON form of a <see cref="StateDocument"/>; field names are its public format.</summary>
internal sealed record PortableDocument(
    string Format,
    int Version,
    string? Project,
    string? Environment,
    string HmacKey,
    long LastRunId,
    List<PortableStage> Stages,
    List<PortableRun> Runs,
    List<PortableApproval> Approvals,
    List<PortableStageData> StageData);

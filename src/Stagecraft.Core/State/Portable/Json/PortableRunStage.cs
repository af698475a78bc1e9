namespace Stagecraft.Core.State.Portable.Json;

/// <summary>A stage's line in a run; durations in whole milliseconds, as the sqlite backend keeps them.</summary>
internal sealed record PortableRunStage(
    string Stage,
    string Kind,
    StageAction Action,
    StageResult Result,
    DateTimeOffset? StartedAt,
    long DurationMs,
    string? Reason,
    string? Error,
    string? Fingerprint,
    string? LogPath);

namespace Stagecraft.Core.Planning;

/// <summary>One stage's line in a plan: the action, why, and what it was computed from.</summary>
public sealed record PlannedStage(
    string Name,
    string Kind,
    StageAction Action,
    IReadOnlyList<string> Reasons,
    Fingerprint? Fingerprint,
    IReadOnlyList<string> Upstream,
    IReadOnlyCollection<string> PendingOn,
    StageDefinition? Definition,
    StageRecord? Record)
{
    public bool Protect => Definition?.Protect ?? Record?.Protect ?? false;

    /// <summary>Named with --force: the engine applies it even if its fingerprint is unchanged.</summary>
    public bool Forced { get; init; }

    /// <summary>What a drift check found before planning ('--refresh'); the engine redeploys a drifted stage even if its fingerprint is unchanged.</summary>
    public DriftResult? Drift { get; init; }

    public bool IsChange => Action is not StageAction.NoChange;
}

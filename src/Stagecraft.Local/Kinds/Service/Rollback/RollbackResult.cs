namespace Stagecraft.Local.Kinds.Service.Rollback;

/// <summary>
/// How a rollback run ended. <see cref="Outcome"/> is the release now live when it succeeded; a failed one
/// carries the agent's error, details and hint, masked, for the caller to show.
/// </summary>
public sealed record RollbackResult(long RunId, StageRecord Stage, RunStatus Status, TimeSpan Duration, ReleaseOutcome? Outcome, string? Error)
{
    public IReadOnlyList<string> Details { get; init; } = [];

    public string? Hint { get; init; }

    /// <summary>Like a deploy's run: a stage that failed is exit 1.</summary>
    public int ExitCode => Status switch
    {
        RunStatus.Succeeded => ExitCodes.Success,
        RunStatus.Interrupted => ExitCodes.Interrupted,
        _ => ExitCodes.StageFailed,
    };
}

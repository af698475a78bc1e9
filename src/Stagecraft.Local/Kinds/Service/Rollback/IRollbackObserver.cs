namespace Stagecraft.Local.Kinds.Service.Rollback;

/// <summary>
/// What a rollback tells its caller while it runs. The terminal and the webhooks belong to the
/// caller; the rollback only says when the run began, what the agent reports, and how it ended.
/// </summary>
public interface IRollbackObserver
{
    /// <summary>The run of <paramref name="stage"/> is in history and the agent is asked next.</summary>
    Task StartedAsync(long runId, StageRecord stage, CancellationToken cancellationToken);

    /// <summary>A line of the agent's progress, already masked.</summary>
    void Line(string text);

    /// <summary>History holds how the run ended. Called once on every path, before the rollback returns or throws.</summary>
    Task EndedAsync(RollbackResult result);
}

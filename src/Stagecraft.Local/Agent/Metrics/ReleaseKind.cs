namespace Stagecraft.Local.Agent.Metrics;

/// <summary>What a release event was started as.</summary>
public enum ReleaseKind
{
    Release,
    Rollback,
}

/// <summary>How a release or rollback ended, as the release events counter labels it.</summary>
public enum ReleaseEventOutcome
{
    /// <summary>The new release went live.</summary>
    Succeeded,

    /// <summary>That exact release was already live and healthy: nothing was done.</summary>
    Unchanged,

    /// <summary>It failed (health gate, hooks, an aborted rollout): the live release stayed or came back.</summary>
    Failed,

    /// <summary>Interrupted before the switch (the deploy was cancelled or the agent stopped).</summary>
    Aborted,
}

internal static class ReleaseEventLabels
{
    public static string Label(this ReleaseKind kind) => kind == ReleaseKind.Rollback ? "rollback" : "release";

    public static string Label(this ReleaseEventOutcome outcome) => outcome switch
    {
        ReleaseEventOutcome.Succeeded => "succeeded",
        ReleaseEventOutcome.Unchanged => "unchanged",
        ReleaseEventOutcome.Failed => "failed",
        _ => "aborted",
    };
}

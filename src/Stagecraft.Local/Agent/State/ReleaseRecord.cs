namespace Stagecraft.Local.Agent.State;

/// <summary>A release staged on disk, with the spec it runs with (a rollback uses it again).</summary>
internal sealed class ReleaseRecord
{
    public string Id { get; set; } = "";

    /// <summary>Content hash of the staged files.</summary>
    public string Revision { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public ServiceSpec Spec { get; set; } = null!;

    /// <summary>The rollout that made this release live, step by step (null: it switched at once).</summary>
    public RolloutReport? Rollout { get; set; }
}

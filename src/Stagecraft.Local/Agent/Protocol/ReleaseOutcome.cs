namespace Stagecraft.Local.Agent.Protocol;

/// <summary>What a successful release or rollback left live.</summary>
/// <param name="Release">The live release id (r7).</param>
/// <param name="Revision">Content hash of the live release's files.</param>
/// <param name="Url">The public address, http://127.0.0.1:8080.</param>
/// <param name="Fingerprint">The stage fingerprint the live release was made from.</param>
/// <param name="Unchanged">True when that exact release was already live and healthy, so nothing was done.</param>
/// <param name="Rollout">The steps of the progressive rollout that made it live, when there was one.</param>
public sealed record ReleaseOutcome(string Release, string Revision, string Url, string Fingerprint, bool Unchanged, RolloutReport? Rollout = null)
{
    /// <summary>The release's steps and requests, for the run report; null when nothing was released.</summary>
    public ReleaseTraffic? Traffic { get; init; }
}

namespace Stagecraft.Core.State;

public enum StageStatus
{
    /// <summary>The last apply succeeded; fingerprint and outputs are those of that apply.</summary>
    Deployed,
    /// <summary>The last apply failed; fingerprint and outputs are still those of the last success, if any.</summary>
    Failed,
    /// <summary>A manual stage waits for approval.</summary>
    Waiting,
    /// <summary>The last apply was cancelled part-way.</summary>
    Interrupted,
}

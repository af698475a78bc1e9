namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>What a step's figures say: keep waiting, go on, or abort (with the reason in words).</summary>
internal sealed record RolloutVerdict(RolloutVerdictKind Kind, string? Reason = null, string? Note = null)
{
    public static readonly RolloutVerdict Wait = new(RolloutVerdictKind.Wait);
}

internal enum RolloutVerdictKind
{
    Wait,
    Pass,
    Fail,
}

namespace Stagecraft.Core.Engine;

/// <summary>
/// The stage whose work runs on the current async flow, set by the engine around each stage. Whatever
/// starts a process for that stage (a kind, a tool runner several calls deep) reads it to record the
/// process in the ledger and tag it, without every kind having to pass it along.
/// </summary>
public sealed record StageScope(long RunId, string Stage, string Host, int HolderPid, long? HolderStart, IProcessLedger? Ledger)
{
    private static readonly AsyncLocal<StageScope?> Ambient = new();

    public static StageScope? Current => Ambient.Value;

    /// <summary>Sets the scope for the rest of the calling async method (an async method's changes do not leak to its caller).</summary>
    internal static void Enter(StageScope scope) => Ambient.Value = scope;
}

namespace Stagecraft.Core.Kinds;

/// <summary>
/// What a kind can do besides deploy and destroy. Verbs that make sense only for some kinds ask for
/// a capability, so a new kind with the same ability works with them without the verbs naming it.
/// </summary>
[Flags]
public enum KindCapabilities
{
    None = 0,

    /// <summary>Its stages stop a deploy until a person approves them ('stagecraft approve').</summary>
    ApprovalGate = 1,

    /// <summary>
    /// Its stages run as long-lived services on the target's host: they report live status, and their
    /// releases can be rolled out progressively and rolled back ('status', 'rollout', 'rollback').
    /// </summary>
    HostedService = 2,
}

using Stagecraft.Core.State.Portable;

namespace Stagecraft.Aws.State;

/// <summary>A version that is (or was, when read) the environment's current state.</summary>
internal sealed record CommittedVersion(StateHead? Head, StateDocument Document);

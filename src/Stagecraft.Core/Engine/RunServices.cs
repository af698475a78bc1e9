using Stagecraft.Core.Sessions;

namespace Stagecraft.Core.Engine;

/// <summary>What every stage of one run shares.</summary>
internal sealed record RunServices(
    EnvironmentSession Session,
    StateSnapshot Snapshot,
    long RunId,
    IRunObserver Observer,
    IInteraction Interaction,
    EngineOptions Options);

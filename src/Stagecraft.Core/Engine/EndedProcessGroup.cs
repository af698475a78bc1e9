namespace Stagecraft.Core.Engine;

/// <summary>A process group a crashed run left behind on this host, which the run taking over ended.</summary>
public sealed record EndedProcessGroup(long? RunId, string Stage, int ProcessGroup);

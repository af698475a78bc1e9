namespace Stagecraft.Local.Agent.State;

/// <summary>A process the agent started; the start time tells it from a later process that reuses the pid.</summary>
internal sealed record InstanceRecord(int Pid, long? StartTime, string Release, int Index, int Port);

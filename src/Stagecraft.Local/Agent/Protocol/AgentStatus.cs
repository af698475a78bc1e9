namespace Stagecraft.Local.Agent.Protocol;

/// <summary>The agent and every service it runs.</summary>
public sealed record AgentStatus(int Pid, DateTimeOffset StartedAt, string Socket, string DataDirectory, IReadOnlyList<ServiceStatus> Services);

/// <summary>One service: its state in a word ("running", "degraded", "failed", "starting", "stopped") and why.</summary>
public sealed record ServiceStatus(
    string Id,
    string Listen,
    string State,
    string? Reason,
    string? Release,
    string? Revision,
    string? Releasing,
    IReadOnlyList<string> KeptReleases,
    IReadOnlyList<InstanceStatus> Instances);

/// <summary>One instance of the live release.</summary>
public sealed record InstanceStatus(int Index, int? Pid, int Port, string State, int Restarts, string? LastExit, string LogFile);

namespace Stagecraft.Local.Agent.Protocol;

/// <summary>One request from a client; which fields matter depends on <see cref="Type"/>.</summary>
public sealed record AgentRequest
{
    public int V { get; init; } = AgentProtocol.Version;

    public required string Type { get; init; }

    /// <summary>release: what to release.</summary>
    public ServiceSpec? Service { get; init; }

    /// <summary>abort, rollback, stop-service: which service ("project/environment/stage").</summary>
    public string? ServiceId { get; init; }

    /// <summary>rollback: the kept release to put back; null means the one before the live one.</summary>
    public string? Release { get; init; }

    /// <summary>Who asks (user and pid), for messages such as "a release is already in progress".</summary>
    public string? Client { get; init; }
}

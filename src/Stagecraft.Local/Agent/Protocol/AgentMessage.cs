namespace Stagecraft.Local.Agent.Protocol;

/// <summary>One line from the agent: progress (log, status) or the final result or error.</summary>
public sealed record AgentMessage
{
    public int V { get; init; } = AgentProtocol.Version;

    public required string Type { get; init; }

    /// <summary>log and status lines.</summary>
    public string? Text { get; init; }

    /// <summary>error: what went wrong, in words.</summary>
    public string? Error { get; init; }

    public string? Hint { get; init; }

    /// <summary>error: lines shown under it (green's last log lines).</summary>
    public IReadOnlyList<string>? Details { get; init; }

    /// <summary>error: true when the request itself was refused as invalid (a route another service holds): the CLI exits 2.</summary>
    public bool InvalidInput { get; init; }

    /// <summary>result of release and rollback.</summary>
    public ReleaseOutcome? Release { get; init; }

    /// <summary>result of rollout-status, rollout-promote and rollout-abort.</summary>
    public RolloutReport? Rollout { get; init; }

    /// <summary>result of status.</summary>
    public AgentStatus? Agent { get; init; }

    public static AgentMessage LogLine(string text) => new() { Type = AgentProtocol.Log, Text = text };

    public static AgentMessage StatusLine(string text) => new() { Type = AgentProtocol.Progress, Text = text };

    public static AgentMessage Ok() => new() { Type = AgentProtocol.Result };

    public static AgentMessage Failed(string error, IReadOnlyList<string>? details = null, string? hint = null) =>
        new() { Type = AgentProtocol.Error, Error = error, Details = details, Hint = hint };

    /// <summary>An error about the request itself; nothing was changed.</summary>
    public static AgentMessage Refused(string error, string? hint = null) =>
        new() { Type = AgentProtocol.Error, Error = error, Hint = hint, InvalidInput = true };
}

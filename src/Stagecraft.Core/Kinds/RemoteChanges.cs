namespace Stagecraft.Core.Kinds;

/// <summary>What the remote side says a deploy would change, for 'plan --remote'.</summary>
public sealed record RemoteChanges(string Summary, IReadOnlyList<RemoteChange> Changes);

/// <summary>One resource-level change: an action (Add, Modify, Remove…) on a resource, and what it means.</summary>
public sealed record RemoteChange(string Action, string Resource, string Type, string? Detail = null);

namespace Stagecraft.Core.Kinds;

/// <summary>What the remote side says a deploy would change, for 'plan --remote'.</summary>
public sealed record RemoteChanges(string Summary, IReadOnlyList<RemoteChange> Changes);

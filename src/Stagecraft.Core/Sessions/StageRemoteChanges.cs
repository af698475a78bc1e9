namespace Stagecraft.Core.Sessions;

/// <summary>One stage's answer to 'plan --remote'.</summary>
public sealed record StageRemoteChanges(string Stage, RemoteChanges Changes);

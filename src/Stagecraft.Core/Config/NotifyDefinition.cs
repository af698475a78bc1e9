namespace Stagecraft.Core.Config;

/// <summary>What a run tells a webhook about.</summary>
public enum NotifyEvent
{
    Started,
    Succeeded,
    Failed,
    AwaitingApproval,
    RolledBack,
}

public enum NotifyFormat
{
    Json,
    Slack,
}

/// <summary>
/// One 'notify:' entry: where to POST, in which body format, for which events. The URL and header values
/// are templates (they may hold ${secret:…}); they are resolved when a run sends, never stored resolved.
/// </summary>
public sealed record NotifyDefinition(
    ConfigScalar Url,
    NotifyFormat Format,
    IReadOnlySet<NotifyEvent> On,
    IReadOnlyList<KeyValuePair<string, ConfigScalar>> Headers,
    SourceLocation Location);

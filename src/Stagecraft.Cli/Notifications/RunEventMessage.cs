namespace Stagecraft.Cli.Notifications;

/// <summary>What a webhook is told about a run (docs/notify.md); every text in it is already masked.</summary>
internal sealed record RunEventMessage(
    NotifyEvent Event,
    long Run,
    string Project,
    string Environment,
    string Verb,
    string Status,
    string User,
    string Host,
    DateTimeOffset Time,
    string Summary,
    IReadOnlyList<RunEventStage> Stages)
{
    public static string EventName(NotifyEvent e) => e switch
    {
        NotifyEvent.Started => "started",
        NotifyEvent.Succeeded => "succeeded",
        NotifyEvent.Failed => "failed",
        NotifyEvent.AwaitingApproval => "awaiting_approval",
        NotifyEvent.RolledBack => "rolled_back",
        _ => e.ToString(),
    };
}

/// <summary>One stage in a message: its action, and once it ran its result, time and error.</summary>
internal sealed record RunEventStage(string Name, string Kind, string Action, string? Result, double? DurationSeconds, string? Error);

namespace Stagecraft.Core.State;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    WaitingForApproval,
    Interrupted,
    /// <summary>The process running it disappeared (killed or crashed); found by the next run.</summary>
    Crashed,
}

/// <summary>The action the plan chose for a stage.</summary>
public enum StageAction
{
    Create,
    Update,
    NoChange,
    Pending,
    Destroy,
}

/// <summary>What actually happened to a stage in a run.</summary>
public enum StageResult
{
    Succeeded,
    Unchanged,
    Failed,
    Skipped,
    Waiting,
    Interrupted,
    Destroyed,
}

public sealed record RunStart(
    string Verb,
    string Environment,
    string User,
    string Host,
    int Pid,
    DateTimeOffset StartedAt,
    string Arguments);

public sealed record RunSummary(
    long Id,
    string Verb,
    string Environment,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string User,
    string Host,
    int Pid,
    string Arguments,
    string? Note);

/// <summary>One stage's line in a run's history.</summary>
public sealed record StageRunRecord(
    string Stage,
    string Kind,
    StageAction Action,
    StageResult Result,
    DateTimeOffset? StartedAt,
    TimeSpan Duration,
    string? Reason,
    string? Error,
    string? Fingerprint,
    string? LogPath);

public sealed record RunDetail(RunSummary Summary, IReadOnlyList<StageRunRecord> Stages);

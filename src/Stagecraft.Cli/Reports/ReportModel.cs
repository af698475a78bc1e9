namespace Stagecraft.Cli.Reports;

/// <summary>Everything a run report shows, gathered from state, history and logs; every text already masked.</summary>
internal sealed record ReportModel(
    long RunId,
    string Project,
    string Environment,
    string Verb,
    string Status,
    string User,
    string Host,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Arguments,
    string? Note,
    string Version,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportStage> Stages);

/// <summary>One stage of the run. Ready is when its last dependency in this run finished (the run's start if none).</summary>
internal sealed record ReportStage(
    string Name,
    string Kind,
    string Action,
    string Result,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateTimeOffset? Ready,
    TimeSpan Duration,
    string? Reason,
    string? Error,
    IReadOnlyList<string> Hints,
    IReadOnlyList<string> LogTail,
    string? FullLog,
    IReadOnlyList<KeyValuePair<string, string>> Outputs,
    IReadOnlyList<string> DependsOn,
    TimeSpan? PreviousSuccess)
{
    public bool Critical { get; init; }

    /// <summary>A service stage's release in this run: its steps and the requests each release answered.</summary>
    public ReleaseTraffic? Traffic { get; init; }

    public bool Ran => Start is not null && End is not null;
}

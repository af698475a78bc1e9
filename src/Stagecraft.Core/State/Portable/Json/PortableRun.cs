namespace Stagecraft.Core.State.Portable.Json;

internal sealed record PortableRun(
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
    string? Note,
    List<PortableRunStage> Stages);

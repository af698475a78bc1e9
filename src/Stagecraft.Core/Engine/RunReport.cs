namespace Stagecraft.Core.Engine;

/// <summary>A finished run: its status, every stage's report, and the exit code it maps to.</summary>
public sealed record RunReport(long RunId, string Verb, RunStatus Status, IReadOnlyList<StageReport> Stages, TimeSpan Duration)
{
    public int ExitCode => Status switch
    {
        RunStatus.Succeeded => ExitCodes.Success,
        RunStatus.WaitingForApproval => ExitCodes.WaitingForApproval,
        RunStatus.Interrupted => ExitCodes.Interrupted,
        _ when Stages.Any(s => s.Result == StageResult.Failed) && Stages.Where(s => s.Result == StageResult.Failed).All(s => s.InvalidInput) => ExitCodes.InvalidInput,
        _ => ExitCodes.StageFailed,
    };
}

namespace Stagecraft.Core.Engine;

/// <summary>Receives a run's progress (the CLI renders it live on a terminal, as plain lines elsewhere).</summary>
public interface IRunObserver
{
    void RunStarted(long runId, string verb, Plan plan);

    void StageStarted(string stage, StageAction action, string? logPath);

    void StageStatus(string stage, string status);

    void StageFinished(StageReport report);

    void RunFinished(RunReport report);

    /// <summary>A notice that is not about one stage (a stale lock taken over, a lost lock).</summary>
    void Notice(string message);
}

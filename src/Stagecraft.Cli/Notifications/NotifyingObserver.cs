namespace Stagecraft.Cli.Notifications;

/// <summary>Passes progress on to the screen and sends 'started' the moment the run has its number.</summary>
internal sealed class NotifyingObserver(IRunObserver inner, Action<long, string, Plan> started) : IRunObserver
{
    public long? RunId { get; private set; }

    public void RunStarted(long runId, string verb, Plan plan)
    {
        RunId = runId;
        started(runId, verb, plan);
        inner.RunStarted(runId, verb, plan);
    }

    public void StageStarted(string stage, Core.State.StageAction action, string? logPath) => inner.StageStarted(stage, action, logPath);

    public void StageStatus(string stage, string status) => inner.StageStatus(stage, status);

    public void StageFinished(StageReport report) => inner.StageFinished(report);

    public void RunFinished(RunReport report) => inner.RunFinished(report);

    public void Notice(string message) => inner.Notice(message);
}

using System.Collections.Concurrent;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>Keeps every event of a run, in order, for assertions.</summary>
public sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<StageReport> Finished { get; } = new();

    public RunReport? Report { get; private set; }

    public void RunStarted(long runId, string verb, Plan plan) => Events.Enqueue($"run-started {verb} {runId}");

    public void StageStarted(string stage, StageAction action, string? logPath) => Events.Enqueue($"started {stage} {action}");

    public void StageStatus(string stage, string status) => Events.Enqueue($"status {stage} {status}");

    public void StageFinished(StageReport report)
    {
        Finished.Enqueue(report);
        Events.Enqueue($"finished {report.Stage} {report.Result}");
    }

    public void RunFinished(RunReport report)
    {
        Report = report;
        Events.Enqueue($"run-finished {report.Status}");
    }

    public void Notice(string message) => Events.Enqueue("notice " + message);
}

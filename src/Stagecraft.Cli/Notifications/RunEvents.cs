namespace Stagecraft.Cli.Notifications;

/// <summary>Turns a run's start and its report into the messages webhooks get.</summary>
internal static class RunEvents
{
    public static RunEventMessage Started(EnvironmentSession session, IHostInfo host, long runId, string verb, Plan plan) =>
        new(NotifyEvent.Started, runId, session.Project.Name, session.Environment.Name, verb, "running", host.UserName, host.HostName, session.Time.GetUtcNow(),
            PlanRenderer(plan), plan.Stages.Select(s => new RunEventStage(s.Name, s.Kind, ActionText.Of(s.Action), null, null, null)).ToList());

    /// <summary>The run's outcome, plus 'rolled_back' when a service's bake or rollout switched traffic back by itself.</summary>
    public static IEnumerable<RunEventMessage> Finished(EnvironmentSession session, IHostInfo host, RunReport report)
    {
        var stages = report.Stages.Select(s => new RunEventStage(s.Stage, s.Kind, ActionText.Of(s.Action), ActionText.Of(s.Result), s.Duration.TotalSeconds,
            s.Error is null ? null : session.Masker.Apply(s.Error))).ToList();
        var outcome = report.Status switch
        {
            RunStatus.Succeeded => NotifyEvent.Succeeded,
            RunStatus.WaitingForApproval => NotifyEvent.AwaitingApproval,
            _ => NotifyEvent.Failed,
        };
        var summary = Summary(report.Stages.Select(s => s.Result));
        var now = session.Time.GetUtcNow();
        yield return new RunEventMessage(outcome, report.RunId, session.Project.Name, session.Environment.Name, report.Verb, StatusText(report.Status), host.UserName, host.HostName, now, summary, stages);
        if (RevertedBySelf(report) is { } reverted)
        {
            yield return new RunEventMessage(NotifyEvent.RolledBack, report.RunId, session.Project.Name, session.Environment.Name, report.Verb, StatusText(report.Status), host.UserName, host.HostName, now,
                reverted, stages);
        }
    }

    /// <summary>Why a failed service release put the previous one back by itself (its bake or its rollout), or null.</summary>
    private static string? RevertedBySelf(RunReport report)
    {
        bool FailedWith(string prefix) => report.Stages.Any(s => s.Result == StageResult.Failed && s.Error?.Contains(prefix, StringComparison.Ordinal) == true);
        return FailedWith(AgentProtocol.BakeRevertedPrefix) ? "a release failed its bake and traffic went back to the previous release"
            : FailedWith(AgentProtocol.RolloutAbortedPrefix) ? "a rollout was aborted and every request went back to the previous release"
            : null;
    }

    /// <summary>A run that ended by an exception before the engine could report it.</summary>
    public static RunEventMessage Aborted(EnvironmentSession session, IHostInfo host, long runId, string verb, Plan plan, RunStatus status, string why) =>
        new(NotifyEvent.Failed, runId, session.Project.Name, session.Environment.Name, verb, StatusText(status), host.UserName, host.HostName, session.Time.GetUtcNow(),
            session.Masker.Apply(why), plan.Stages.Select(s => new RunEventStage(s.Name, s.Kind, ActionText.Of(s.Action), null, null, null)).ToList());

    /// <summary>'stagecraft rollback' of one service stage: started, rolled_back or failed.</summary>
    public static RunEventMessage Rollback(EnvironmentSession session, IHostInfo host, long runId, StageRecord stage, NotifyEvent e, RunStatus status, string summary,
        TimeSpan? duration = null, string? error = null) =>
        new(e, runId, session.Project.Name, session.Environment.Name, "rollback", StatusText(status), host.UserName, host.HostName, session.Time.GetUtcNow(), session.Masker.Apply(summary),
        [
            new RunEventStage(stage.Name, stage.Kind, ActionText.Of(StageAction.Update),
                status == RunStatus.Running ? null : ActionText.Of(status == RunStatus.Succeeded ? StageResult.Succeeded : status == RunStatus.Interrupted ? StageResult.Interrupted : StageResult.Failed),
                duration?.TotalSeconds, error is null ? null : session.Masker.Apply(error)),
        ]);

    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.WaitingForApproval => "waiting_for_approval",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Crashed => "crashed",
        _ => "running",
    };

    public static string Summary(IEnumerable<StageResult> results)
    {
        var counts = results.GroupBy(r => r).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {ActionText.Of(g.Key)}")).ToList();
        return counts.Count == 0 ? "no stages" : string.Join(", ", counts);
    }

    private static string PlanRenderer(Plan plan) => Rendering.PlanRenderer.Summary(plan);
}

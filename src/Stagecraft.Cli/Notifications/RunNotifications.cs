namespace Stagecraft.Cli.Notifications;

/// <summary>The end of a notified run: wait for deliveries, then show and record what failed.</summary>
internal static class RunNotifications
{
    public static async Task CompleteAsync(CliContext cli, EnvironmentSession session, RunNotifier notifier, long? runId)
    {
        var warnings = await notifier.FinishAsync().ConfigureAwait(false);
        if (warnings.Count == 0)
        {
            return;
        }

        foreach (var warning in warnings)
        {
            cli.Error.WriteLine("warning: " + warning);
        }

        if (runId is not { } id || await session.State.GetRunAsync(id, CancellationToken.None).ConfigureAwait(false) is not { } run)
        {
            return;
        }

        // History keeps the warnings in the run's note; status and finish time stay as the run ended.
        var note = string.Join("; ", new[] { run.Summary.Note }.Concat(warnings.Select(w => "warning: " + w)).Where(n => !string.IsNullOrEmpty(n)));
        await session.State.FinishRunAsync(id, run.Summary.Status, run.Summary.FinishedAt ?? session.Time.GetUtcNow(), note, CancellationToken.None).ConfigureAwait(false);
    }
}

using Stagecraft.Cli.Notifications;

namespace Stagecraft.Cli.Commands;

/// <summary>Shared by deploy and destroy: confirm, run the engine with live or plain progress, summarise.</summary>
internal static class PlanExecution
{
    public static async Task<int> RunAsync(CliContext cli, EnvironmentSession session, OutputMode mode, string verb, Plan plan, StateSnapshot snapshot,
        EngineOptions options, bool yes, CancellationToken cancellationToken)
    {
        var console = cli.Console(mode);
        if (mode.CanPrompt && !yes && plan.HasChanges)
        {
            var go = await console.ConfirmAsync($"{char.ToUpperInvariant(verb[0])}{verb[1..]} {plan.Project} to {plan.Environment}?", defaultValue: false, cancellationToken).ConfigureAwait(false);
            if (!go)
            {
                console.MarkupLine("Cancelled; nothing was changed.");
                return ExitCodes.Success;
            }
        }

        await using var notifier = await RunNotifier.CreateAsync(session, cli.Time, cancellationToken).ConfigureAwait(false);
        LiveRunObserver? live = mode.Live ? new LiveRunObserver(console) : null;
        var observer = new NotifyingObserver(live is null ? new PlainRunObserver(cli.Out, cli.Time) : live,
            (runId, _, _) => notifier.Send(RunEvents.Started(session, cli.Host, runId, verb, plan)));
        IInteraction interaction = new TerminalInteraction(console, mode.CanPrompt, live);
        RunReport report;
        try
        {
            report = await new RunEngine(session, observer, interaction, cli.Host).ExecuteAsync(verb, plan, snapshot, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (observer.RunId is { } runId)
        {
            // The engine could not finish its report (state unreachable, a lost lock): the run still ends for its listeners.
            var status = ex is OperationCanceledException ? RunStatus.Interrupted : RunStatus.Failed;
            notifier.Send(RunEvents.Aborted(session, cli.Host, runId, verb, plan, status, ex.Message));
            await RunNotifications.CompleteAsync(cli, session, notifier, null).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (live is not null)
            {
                await live.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var message in RunEvents.Finished(session, cli.Host, report))
        {
            notifier.Send(message);
        }

        await RunNotifications.CompleteAsync(cli, session, notifier, report.RunId).ConfigureAwait(false);

        RunSummaryRenderer.Render(console, report, session.Environment.Name, ascii: !mode.Color);
        return report.ExitCode;
    }
}

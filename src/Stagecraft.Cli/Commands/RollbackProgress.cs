using Stagecraft.Cli.Notifications;
using Stagecraft.Local.Kinds.Service.Rollback;

namespace Stagecraft.Cli.Commands;

/// <summary>The CLI's side of a rollback: the agent's lines on the terminal, and the run's events to the webhooks.</summary>
internal sealed class RollbackProgress(CliContext cli, EnvironmentSession session) : IRollbackObserver, IAsyncDisposable
{
    private RunNotifier? _notifier;
    private string _stage = "";

    public async Task StartedAsync(long runId, StageRecord stage, CancellationToken cancellationToken)
    {
        // Made only once the run exists: a rollback refused before that notifies nobody.
        _notifier = await RunNotifier.CreateAsync(session, cli.Time, cancellationToken).ConfigureAwait(false);
        _stage = stage.Name;
        _notifier.Send(RunEvents.Rollback(session, cli.Host, runId, stage, NotifyEvent.Started, RunStatus.Running, $"rolling back {stage.Name}"));
    }

    public void Line(string text) => cli.Out.WriteLine($"{_stage}: {text}");

    public async Task EndedAsync(RollbackResult result)
    {
        if (_notifier is null)
        {
            return;
        }

        var name = result.Stage.Name;
        _notifier.Send(result.Status switch
        {
            RunStatus.Succeeded => RunEvents.Rollback(session, cli.Host, result.RunId, result.Stage, NotifyEvent.RolledBack, RunStatus.Succeeded,
                $"{name} rolled back to {result.Outcome?.Release}", result.Duration),
            RunStatus.Interrupted => RunEvents.Rollback(session, cli.Host, result.RunId, result.Stage, NotifyEvent.Failed, RunStatus.Interrupted,
                $"rollback of {name} was interrupted", result.Duration),
            _ => RunEvents.Rollback(session, cli.Host, result.RunId, result.Stage, NotifyEvent.Failed, RunStatus.Failed, $"rollback of {name} failed", result.Duration, result.Error),
        });
        await RunNotifications.CompleteAsync(cli, session, _notifier, result.RunId).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_notifier is not null)
        {
            await _notifier.DisposeAsync().ConfigureAwait(false);
        }
    }
}

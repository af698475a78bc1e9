using System.CommandLine;
using System.Diagnostics;
using Stagecraft.Cli.Hosting;
using Stagecraft.Cli.Notifications;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Kinds.Service;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// stagecraft rollback STAGE: puts a kept release of a service back live through the same health gate
/// and switch as a release, records a 'rollback' run, and updates the stage's outputs.
/// </summary>
internal sealed class RollbackCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var stage = new Argument<string>("stage") { Description = "The service stage" };
        var to = new Option<string?>("--to") { Description = "The kept release to put back (default: the one before the live one)" };
        var command = new Command("rollback", "Put the previous (or a named) release of a service stage back live.");
        common.AddTo(command);
        command.Add(stage);
        command.Add(to);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var name = result.GetValue(stage)!;
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var snapshot = await session.State.LoadAsync(ct).ConfigureAwait(false);
            var record = snapshot.Find(name) is { EverDeployed: true } found ? found
                : throw new InvalidInputException($"stage '{name}' was never deployed to {session.Environment.Name}: there is nothing to roll back");
            if (record.Kind != ServiceKind.KindName)
            {
                throw new InvalidInputException($"'{name}' is a {record.Kind} stage; rollback puts back releases of service stages");
            }

            var agent = session.Target.Services.GetService(typeof(AgentConnector)) as AgentConnector
                ?? throw new InvalidInputException($"target '{session.Environment.Target}' runs no host agent");
            await using var runLock = await RunLock.AcquireAsync(session.State, cli.Host, session.Environment.Name, "rollback", cli.Time, ct).ConfigureAwait(false);
            await agent.Launcher.EnsureRunningAsync(ct).ConfigureAwait(false);
            var runId = await session.State.BeginRunAsync(new RunStart("rollback", session.Environment.Name, cli.Host.UserName, cli.Host.HostName, cli.Host.ProcessId,
                cli.Time.GetUtcNow(), cli.CommandLine), ct).ConfigureAwait(false);
            await using var notifier = await RunNotifier.CreateAsync(session, cli.Time, ct).ConfigureAwait(false);
            notifier.Send(RunEvents.Rollback(session, cli.Host, runId, record, NotifyEvent.Started, RunStatus.Running, $"rolling back {name}"));
            var logPath = Path.Combine(session.Directories.RunLogDirectory(runId), name + ".log");
            var recorder = new RollbackRecorder(session, runId, record, Path.GetRelativePath(session.Project.Directory, logPath));
            var id = ServiceId.Of(session.Project.Name, session.Environment.Name, name);
            var started = cli.Time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            using var file = new StageLogFile(logPath, session.Masker, _ => { });
            var log = new EchoLog(file, cli.Out, name, session.Masker.Apply);
            try
            {
                var request = new AgentRequest { Type = AgentProtocol.Rollback, ServiceId = id, Release = result.GetValue(to) };
                var outcome = await ReleaseSession.RunAsync(agent.Client, request, id, log, ct).ConfigureAwait(false);
                if (outcome.Traffic is { } traffic)
                {
                    ReleaseTrafficFile.WriteBeside(logPath, traffic);
                }

                await recorder.SucceededAsync(outcome, started, clock.Elapsed).ConfigureAwait(false);
                notifier.Send(RunEvents.Rollback(session, cli.Host, runId, record, NotifyEvent.RolledBack, RunStatus.Succeeded, $"{name} rolled back to {outcome.Release}", clock.Elapsed));
                await RunNotifications.CompleteAsync(cli, session, notifier, runId).ConfigureAwait(false);
                cli.Out.WriteLine($"{name}: {outcome.Release} is live again at {outcome.Url} (revision {outcome.Revision})");
                return ExitCodes.Success;
            }
            catch (StageFailedException ex)
            {
                var message = session.Masker.Apply(ex.Message);
                await recorder.FailedAsync(message, started, clock.Elapsed).ConfigureAwait(false);
                notifier.Send(RunEvents.Rollback(session, cli.Host, runId, record, NotifyEvent.Failed, RunStatus.Failed, $"rollback of {name} failed", clock.Elapsed, message));
                await RunNotifications.CompleteAsync(cli, session, notifier, runId).ConfigureAwait(false);
                cli.Error.WriteLine($"error: rollback of {name} failed: {message}");
                foreach (var line in ex.Details)
                {
                    cli.Error.WriteLine("  | " + session.Masker.Apply(line));
                }

                if (ex.Hint is not null)
                {
                    cli.Error.WriteLine("  hint: " + ex.Hint);
                }

                return ExitCodes.StageFailed;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await recorder.InterruptedAsync(started, clock.Elapsed).ConfigureAwait(false);
                notifier.Send(RunEvents.Rollback(session, cli.Host, runId, record, NotifyEvent.Failed, RunStatus.Interrupted, $"rollback of {name} was interrupted", clock.Elapsed));
                await RunNotifications.CompleteAsync(cli, session, notifier, runId).ConfigureAwait(false);
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The agent went away, or an I/O error: the run must not stay 'running' in history.
                await recorder.FailedAsync(session.Masker.Apply(ex.Message), started, clock.Elapsed).ConfigureAwait(false);
                notifier.Send(RunEvents.Rollback(session, cli.Host, runId, record, NotifyEvent.Failed, RunStatus.Failed, $"rollback of {name} failed", clock.Elapsed, ex.Message));
                await RunNotifications.CompleteAsync(cli, session, notifier, runId).ConfigureAwait(false);
                throw;
            }
        });
        return command;
    }
}

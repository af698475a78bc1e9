using System.Diagnostics;
using Stagecraft.Core.Sessions;

namespace Stagecraft.Local.Kinds.Service.Rollback;

/// <summary>
/// 'stagecraft rollback STAGE': puts a kept release of a service back live through the same health gate
/// and switch as a release, under the environment's lock, recorded as a 'rollback' run that updates the
/// stage's outputs. The agent's stage failure is a result (exit 1); interruption and anything unexpected
/// are recorded, then thrown.
/// </summary>
public sealed class ServiceRollback(EnvironmentSession session, IHostInfo host)
{
    public const string Verb = "rollback";

    /// <param name="release">The kept release to put back; null for the one before the live one.</param>
    /// <param name="commandLine">The command line as typed, kept in run history.</param>
    public async Task<RollbackResult> RunAsync(string stage, string? release, string commandLine, IRollbackObserver observer, CancellationToken cancellationToken)
    {
        var snapshot = await session.State.LoadAsync(cancellationToken).ConfigureAwait(false);
        var record = snapshot.Find(stage) is { EverDeployed: true } found ? found
            : throw new InvalidInputException($"stage '{stage}' was never deployed to {session.Environment.Name}: there is nothing to roll back");
        if (record.Kind != ServiceKind.KindName)
        {
            throw new InvalidInputException($"'{stage}' is a {record.Kind} stage; rollback puts back releases of service stages");
        }

        var agent = session.Target.Services.GetService(typeof(AgentConnector)) as AgentConnector
            ?? throw new InvalidInputException($"target '{session.Environment.Target}' runs no host agent");
        await using var runLock = await RunLock.AcquireAsync(session.State, host, session.Environment.Name, Verb, session.Time, cancellationToken).ConfigureAwait(false);
        await agent.Launcher.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        var runId = await session.State.BeginRunAsync(new RunStart(Verb, session.Environment.Name, host.UserName, host.HostName, host.ProcessId,
            session.Time.GetUtcNow(), commandLine), cancellationToken).ConfigureAwait(false);
        var logPath = Path.Combine(session.Directories.RunLogDirectory(runId), stage + ".log");
        var recorder = new RollbackRecorder(session, runId, record, Path.GetRelativePath(session.Project.Directory, logPath));
        var started = session.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        RollbackResult Ended(RunStatus status, ReleaseOutcome? outcome = null, string? error = null) => new(runId, record, status, clock.Elapsed, outcome, error);

        using var file = new StageLogFile(logPath, session.Masker, _ => { });
        try
        {
            await observer.StartedAsync(runId, record, cancellationToken).ConfigureAwait(false);
            var id = ServiceId.Of(session.Project.Name, session.Environment.Name, stage);
            var request = new AgentRequest { Type = AgentProtocol.Rollback, ServiceId = id, Release = release };
            var outcome = await ReleaseSession.RunAsync(agent.Client, request, id, new RollbackLog(file, observer, session.Masker.Apply), cancellationToken).ConfigureAwait(false);
            if (outcome.Traffic is { } traffic)
            {
                ReleaseTrafficFile.WriteBeside(logPath, traffic);
            }

            await recorder.SucceededAsync(outcome, started, clock.Elapsed).ConfigureAwait(false);
            var succeeded = Ended(RunStatus.Succeeded, outcome);
            await observer.EndedAsync(succeeded).ConfigureAwait(false);
            return succeeded;
        }
        catch (StageFailedException ex)
        {
            var message = session.Masker.Apply(ex.Message);
            await recorder.FailedAsync(message, started, clock.Elapsed).ConfigureAwait(false);
            var failed = Ended(RunStatus.Failed, error: message) with { Details = ex.Details.Select(session.Masker.Apply).ToList(), Hint = ex.Hint };
            await observer.EndedAsync(failed).ConfigureAwait(false);
            return failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await recorder.InterruptedAsync(started, clock.Elapsed).ConfigureAwait(false);
            await observer.EndedAsync(Ended(RunStatus.Interrupted)).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The agent went away, or an I/O error: the run must not stay 'running' in history.
            var message = session.Masker.Apply(ex.Message);
            await recorder.FailedAsync(message, started, clock.Elapsed).ConfigureAwait(false);
            await observer.EndedAsync(Ended(RunStatus.Failed, error: message)).ConfigureAwait(false);
            throw;
        }
    }
}

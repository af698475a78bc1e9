using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// The start 'deploy' and 'destroy' share: the console, the opened project, and the environment's lock
/// (with a notice when a crashed run's lock was taken over). Disposing releases the lock, then the session.
/// </summary>
internal sealed record LockedRun(OutputMode Mode, IAnsiConsole Console, EnvironmentSession Session, RunLock Lock) : IAsyncDisposable
{
    public static async Task<LockedRun> OpenAsync(CliContext cli, CommonSettings settings, string verb, CancellationToken cancellationToken)
    {
        var mode = cli.Mode(settings.NoColor);
        var console = cli.Console(mode);
        var session = await ProjectAccess.OpenAsync(cli, settings, cancellationToken).ConfigureAwait(false);
        try
        {
            var runLock = await RunLock.AcquireAsync(session.State, cli.Host, session.Environment.Name, verb, cli.Time, cancellationToken).ConfigureAwait(false);
            TakeoverNotice.Write(console, runLock);
            return new LockedRun(mode, console, session, runLock);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Lock.DisposeAsync().ConfigureAwait(false);
        await Session.DisposeAsync().ConfigureAwait(false);
    }
}

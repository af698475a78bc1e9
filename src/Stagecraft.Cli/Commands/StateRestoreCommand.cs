namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state restore VERSION: puts an earlier version back as the current one, under the lock.</summary>
internal sealed class StateRestoreCommand
{
    public static Command Create(CliContext cli)
    {
        var version = new Argument<long>("version") { Description = "The version to put back (see 'state history')" };
        return ProjectVerb.Create(cli, "restore", "Put an earlier version of the environment's state back; the restore is a new version, so it can be undone too.", [version], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var versions = StateCapabilities.Versions(session);
            var number = result.GetValue(version);
            var environment = session.Environment.Name;
            await using var runLock = await RunLock.AcquireAsync(session.State, cli.Host, environment, $"state restore {number}", cli.Time, ct).ConfigureAwait(false);
            var run = new RunStart("restore", environment, cli.Host.UserName, cli.Host.HostName, cli.Host.ProcessId, cli.Time.GetUtcNow(), cli.CommandLine);
            var written = await versions.RestoreAsync(number, run, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"Restored version {number} of {environment}'s state as version {written.Number}; "
                + $"undo with: stagecraft state restore {written.Number - 1} -e {environment}");
            return ExitCodes.Success;
        });
    }
}

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft unlock: remove a stale lock, naming its holder. A live holder on this host needs --force.</summary>
internal sealed class UnlockCommand
{
    public static Command Create(CliContext cli)
    {
        var force = new Option<bool>("--force") { Description = "Remove the lock even though its process is still running on this host" };
        return ProjectVerb.Create(cli, "unlock", "Remove a stale lock left by a run that is gone.", [force], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var holder = await session.State.ReadLockAsync(ct).ConfigureAwait(false);
            if (holder is null)
            {
                cli.Out.WriteLine($"Environment {session.Environment.Name} is not locked.");
                return ExitCodes.Success;
            }

            var alive = holder.Host == cli.Host.HostName && !RunLock.IsDeadOnThisHost(holder, cli.Host);
            if (alive && !result.GetValue(force))
            {
                throw new StagecraftException($"the lock is held by {holder.Describe()}, and that process is still running", ExitCodes.Locked,
                    "wait for it, stop it, or pass --force if you are sure it is stuck");
            }

            var removed = await session.State.BreakLockAsync(ct).ConfigureAwait(false);
            cli.Out.WriteLine(removed is null ? "The lock was already gone." : $"Removed the lock held by {removed.Describe()}.");
            return ExitCodes.Success;
        });
    }
}

namespace Stagecraft.Host.Processes;

/// <summary>
/// Stops a child and everything it started. With its own process group (its own session)
/// the group gets SIGTERM, then SIGKILL after a grace: that reaches grandchildren even when their
/// parent already exited, which walking the tree cannot. Without a group the tree is walked and
/// killed at once, because signalling only the parent would orphan its children before the walk.
/// </summary>
internal sealed class ProcessTree(IChildProcess process, bool ownGroup)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private readonly IChildProcess _process = process;
    private readonly bool _ownGroup = ownGroup && process.Id > 1;

    /// <summary>Stops the tree; never cancelled, because leaving it half-stopped is worse than waiting the grace.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_ownGroup)
        {
            SignalGroup(PosixNative.SigTerm);
            if (await WaitUntilAsync(() => _process.HasExited && !ProcessGroupProbe.HasLiveMembers(_process.Id), grace).ConfigureAwait(false))
            {
                return;
            }
        }

        KillTree();
        if (_ownGroup)
        {
            SignalGroup(PosixNative.SigKill);
        }

        await WaitUntilAsync(() => _process.HasExited && (!_ownGroup || !ProcessGroupProbe.HasLiveMembers(_process.Id)), KillWait).ConfigureAwait(false);
    }

    private void SignalGroup(int signal)
    {
        // A group whose id is the child's pid exists only once the child has its own session (at once when
        // spawned with it; after setsid ran otherwise), so this can never reach our own group. Before that,
        // signalling the child alone is enough: it has no children yet.
        if (!PosixNative.Signal(-_process.Id, signal) && !_process.HasExited)
        {
            PosixNative.Signal(_process.Id, signal);
        }
    }

    // Also reaches descendants that left the group (a program calling setsid itself) while their parent lives.
    private void KillTree() => _process.KillTree();

    // Real time, always: these waits are about real processes dying, whatever clock drives the timeout.
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        return true;
    }
}

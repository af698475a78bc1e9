using Stagecraft.Host;

namespace Stagecraft.Host.Processes;

/// <summary>
/// Records a child in the state's process ledger for as long as it runs (see <see cref="StageScope"/>),
/// with the identity the run taking over after a crash checks before it ends anything.
/// </summary>
internal static class StageProcessLedgerEntry
{
    /// <summary>The recorded entry, or null outside a stage, without a ledger, or when the child already ended.</summary>
    public static async Task<StageProcess?> RecordAsync(StageScope? scope, int pid, bool ownGroup, CancellationToken cancellationToken)
    {
        if (scope?.Ledger is not { } ledger || SystemHostInfo.StartTimeOf(pid) is not { } start)
        {
            return null;
        }

        // With its own group the child's pid is its group id (setsid runs before the program does);
        // without, it shares ours, which nothing may ever signal: 0 says "the pid alone".
        var entry = new StageProcess(scope.RunId, scope.Stage, scope.Host, pid, ownGroup ? pid : 0, start, scope.HolderPid, scope.HolderStart);
        await ledger.RecordProcessAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public static async Task ForgetAsync(StageScope? scope, StageProcess? entry)
    {
        if (scope?.Ledger is not { } ledger || entry is null)
        {
            return;
        }

        try
        {
            await ledger.ProcessEndedAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A stale entry is harmless (its identity no longer matches anything); the program's own result matters more.
        }
    }
}

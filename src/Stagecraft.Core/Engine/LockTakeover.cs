namespace Stagecraft.Core.Engine;

/// <summary>
/// What taking over a crashed run's lock found and did, before this run starts anything: on this host
/// the process groups that run left are ended (its stages must never run twice at once); for a holder
/// elsewhere (a shared state whose lease expired) the stages that may still run there are named, since
/// this host cannot end them.
/// </summary>
public sealed record LockTakeover(LockInfo Previous, string Reason, IReadOnlyList<EndedProcessGroup> Ended, IReadOnlyList<StageProcess> MayStillRun)
{
    public static async Task<LockTakeover> HandleAsync(IStateStore store, IHostInfo host, LockInfo previous, CancellationToken cancellationToken)
    {
        var reason = RunLock.TakeoverReason(previous, host);
        var ledger = store as IProcessLedger;
        var recorded = ledger is null
            ? []
            : (await ledger.ListProcessesAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.StartedBy(previous)).ToList();
        if (!RunLock.IsDeadOnThisHost(previous, host))
        {
            // Its lease ran out, but its process may live (elsewhere, or hung): nothing here may end it.
            // A stage whose result that run recorded has finished; the others may still run.
            var unfinished = new List<StageProcess>();
            foreach (var run in recorded.GroupBy(p => p.RunId))
            {
                var finished = (await store.GetRunAsync(run.Key, cancellationToken).ConfigureAwait(false))?.Stages.Select(s => s.Stage).ToHashSet(StringComparer.Ordinal) ?? [];
                unfinished.AddRange(run.Where(p => !finished.Contains(p.Stage)));
            }

            return new LockTakeover(previous, reason, [], unfinished);
        }

        var ended = await host.EndLeftoverProcessesAsync(previous, recorded, cancellationToken).ConfigureAwait(false);
        if (ledger is not null && recorded.Count > 0)
        {
            await ledger.ForgetProcessesAsync(recorded, cancellationToken).ConfigureAwait(false);
        }

        return new LockTakeover(previous, reason, ended, []);
    }

    /// <summary>What the output and the crashed run's history say about it, beyond the takeover itself.</summary>
    public IReadOnlyList<string> Findings()
    {
        var lines = new List<string>();
        foreach (var run in Ended.GroupBy(e => e.RunId).OrderBy(g => g.Key))
        {
            var count = run.Count();
            var groups = string.Join(", ", run.Select(e => string.Create(CultureInfo.InvariantCulture, $"stage {e.Stage} (pgid {e.ProcessGroup})")));
            var by = run.Key is { } id ? string.Create(CultureInfo.InvariantCulture, $"run {id}") : $"pid {Previous.Pid}";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"ended {count} process group{(count == 1 ? "" : "s")} left by {by}: {groups}"));
        }

        if (MayStillRun.Count > 0)
        {
            foreach (var run in MayStillRun.GroupBy(p => p.RunId).OrderBy(g => g.Key))
            {
                var stages = string.Join(", ", run.Select(p => p.Stage).Distinct(StringComparer.Ordinal));
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"stage(s) {stages} of run {run.Key} may still be running on {Previous.Host} (pid {Previous.Pid}): this host cannot end them; check {Previous.Host} before relying on what they change"));
            }
        }
        else if (Reason != RunLock.ProcessGoneReason)
        {
            lines.Add($"the previous holder (pid {Previous.Pid} on {Previous.Host}) recorded no running stage; if any still runs there, this host cannot end it");
        }

        return lines;
    }
}

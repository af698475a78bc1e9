namespace Stagecraft.Core.State;

/// <summary>
/// A store that keeps the processes stages are running (<see cref="StageProcess"/>), so that the run
/// that takes over a crashed run's lock can end them before it starts anything, or (on another host)
/// name the stages that may still run there. Entries live at most until their run ends.
/// </summary>
public interface IProcessLedger
{
    Task RecordProcessAsync(StageProcess process, CancellationToken cancellationToken);

    /// <summary>
    /// The process ended. A local store forgets it with its next write (the stage's result); a remote
    /// one, where every write costs a round trip and a state version, may keep it until its run ends.
    /// </summary>
    Task ProcessEndedAsync(StageProcess process, CancellationToken cancellationToken);

    Task ForgetProcessesAsync(IReadOnlyList<StageProcess> processes, CancellationToken cancellationToken);

    Task<IReadOnlyList<StageProcess>> ListProcessesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets whatever is left of a run that ended (one write, none when nothing is left).</summary>
    async Task ForgetRunAsync(long runId, CancellationToken cancellationToken)
    {
        var left = (await ListProcessesAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.RunId == runId).ToList();
        if (left.Count > 0)
        {
            await ForgetProcessesAsync(left, cancellationToken).ConfigureAwait(false);
        }
    }
}

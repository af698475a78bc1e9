namespace Stagecraft.Aws.State;

/// <summary>
/// Puts an earlier version back as a new current version, so the restore can be undone as well.
/// Run ids keep counting up from the newest ever used, and the restore is itself recorded as a run.
/// </summary>
internal sealed class StateRestore(VersionHistory history, StateRepository repository)
{
    public async Task<StateVersion> RestoreAsync(long number, RunStart run, CancellationToken cancellationToken)
    {
        var (wanted, head) = await history.FindAsync(number, cancellationToken).ConfigureAwait(false);
        var old = await repository.AtAsync(head, cancellationToken).ConfigureAwait(false);
        var (_, written) = await repository.CommitAsync($"restore of version {number}", (current, now) =>
        {
            var state = MutableState.From(old.Document);
            state.KeepRunIdsAbove(current.LastRunId);
            var id = state.BeginRun(run);
            state.FinishRun(id, RunStatus.Succeeded, now, $"restored state version {number} (written {wanted.WrittenAt:u} by {wanted.WrittenBy})");
            return (state.ToDocument(), true);
        }, null, cancellationToken, replacesAll: true).ConfigureAwait(false);
        return new StateVersion(written.Serial, written.WrittenAt, written.WrittenBy, written.Change, written.Size, Current: true);
    }
}

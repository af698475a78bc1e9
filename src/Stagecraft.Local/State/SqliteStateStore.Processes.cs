namespace Stagecraft.Local.State;

/// <summary>
/// The process ledger, kept in the stage_data table under <see cref="StageProcessData.KeyPrefix"/>. An entry
/// is written while its process runs; its removal rides on the next write (normally the stage's result, a
/// moment later), which saves a transaction on every stage's critical path. An entry left by a crash in
/// between names a process that has ended: its recorded start time no longer matches anything, so a
/// takeover never signals it, and the run's end forgets it.
/// </summary>
internal sealed partial class SqliteStateStore
{
    private readonly ConcurrentQueue<StageProcess> _endedProcesses = new();

    public Task RecordProcessAsync(StageProcess process, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                await ForgetEndedAsync(tx, ct).ConfigureAwait(false);
                await StageDataTable.SetAsync(tx, process.Stage, StageProcessData.Key(process), StageProcessData.Encode(process), ct).ConfigureAwait(false);
                return true;
            },
            () => false,
            cancellationToken);

    public Task ProcessEndedAsync(StageProcess process, CancellationToken cancellationToken)
    {
        _endedProcesses.Enqueue(process);
        return Task.CompletedTask;
    }

    public Task ForgetProcessesAsync(IReadOnlyList<StageProcess> processes, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                await ForgetEndedAsync(tx, ct).ConfigureAwait(false);
                foreach (var process in processes)
                {
                    await StageDataTable.RemoveAsync(tx, process.Stage, StageProcessData.Key(process), ct).ConfigureAwait(false);
                }

                return true;
            },
            () => false,
            cancellationToken);

    public Task<IReadOnlyList<StageProcess>> ListProcessesAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<StageProcess>>(
            async (tx, ct) => (await StageDataTable.ReadPrefixedAsync(tx, StageProcessData.KeyPrefix, ct).ConfigureAwait(false))
                .Select(e => StageProcessData.Decode(e.Stage, e.Value)).OfType<StageProcess>().ToList(),
            () => [],
            cancellationToken);

    /// <summary>Removes the entries of processes that ended since the last write, inside the caller's transaction.</summary>
    private async Task ForgetEndedAsync(SqliteTransaction tx, CancellationToken cancellationToken)
    {
        while (_endedProcesses.TryDequeue(out var process))
        {
            await StageDataTable.RemoveAsync(tx, process.Stage, StageProcessData.Key(process), cancellationToken).ConfigureAwait(false);
        }
    }
}

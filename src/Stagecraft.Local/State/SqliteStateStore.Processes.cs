using Stagecraft.Core.State;

namespace Stagecraft.Local.State;

/// <summary>The process ledger, kept in the stage_data table under <see cref="StageProcessData.KeyPrefix"/>.</summary>
internal sealed partial class SqliteStateStore
{
    public Task RecordProcessAsync(StageProcess process, CancellationToken cancellationToken) =>
        WriteAsync(
            async (tx, ct) =>
            {
                await StageDataTable.SetAsync(tx, process.Stage, StageProcessData.Key(process), StageProcessData.Encode(process), ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task ProcessEndedAsync(StageProcess process, CancellationToken cancellationToken) =>
        ForgetProcessesAsync([process], cancellationToken);

    public Task ForgetProcessesAsync(IReadOnlyList<StageProcess> processes, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
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
}

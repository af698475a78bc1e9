using Stagecraft.Core.State.Portable;

namespace Stagecraft.Local.State;

/// <summary>
/// State in one SQLite file per environment. Every write is one BEGIN IMMEDIATE transaction on its
/// own pooled connection, so concurrent stages of a run and other processes can share the file.
/// </summary>
internal sealed partial class SqliteStateStore(string path, string description, IValueProtector? protector, TimeProvider time) : IStateStore, IStateTransfer, IProcessLedger
{
    private readonly SqliteDatabase _database = new SqliteDatabase(path);
    private readonly StageTable _stages = new StageTable(new OutputCodec(protector));

    // Handed out by LoadAsync while no key is stored, and stored by the first write, so the
    // fingerprints of the very first run match the key every later run reads.
    private readonly byte[] _newHmacKey = RandomNumberGenerator.GetBytes(32);

    public string Description { get; } = description;

    public string FilePath => _database.Path;

    public Task<StateSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async (tx, ct) =>
            {
                var key = await MetaTable.ReadHmacKeyAsync(tx, ct).ConfigureAwait(false) ?? NewHmacKey();
                var stages = await _stages.ReadAllAsync(tx, ct).ConfigureAwait(false);
                return new StateSnapshot(stages, key);
            },
            () => new StateSnapshot(new Dictionary<string, StageRecord>(StringComparer.Ordinal), NewHmacKey()),
            cancellationToken);

    public Task<LockAttempt> TryAcquireLockAsync(LockInfo mine, Func<LockInfo, bool> mayTakeOver, CancellationToken cancellationToken) =>
        WriteAsync<LockAttempt>(
            async (tx, ct) =>
            {
                // Read and decide inside the write transaction: no other process can slip in between.
                var current = await LockTable.ReadAsync(tx, ct).ConfigureAwait(false);
                if (current is not null && !mayTakeOver(current))
                {
                    return new LockAttempt.Held(current);
                }

                await LockTable.PutAsync(tx, mine, ct).ConfigureAwait(false);
                return new LockAttempt.Acquired(current);
            },
            cancellationToken);

    public Task<bool> HeartbeatLockAsync(LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.UpdateAsync((tx, ct) => LockTable.HeartbeatAsync(tx, mine, now, ct), () => false, cancellationToken);

    public Task ReleaseLockAsync(LockInfo mine, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                await LockTable.ReleaseAsync(tx, mine, ct).ConfigureAwait(false);
                return true;
            },
            () => false,
            cancellationToken);

    public Task<LockInfo?> ReadLockAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(LockTable.ReadAsync, () => null, cancellationToken);

    public Task<LockInfo?> BreakLockAsync(CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                var current = await LockTable.ReadAsync(tx, ct).ConfigureAwait(false);
                await LockTable.DeleteAsync(tx, ct).ConfigureAwait(false);
                return current;
            },
            () => null,
            cancellationToken);

    public Task<long> BeginRunAsync(RunStart run, CancellationToken cancellationToken) =>
        WriteAsync((tx, ct) => RunTable.BeginAsync(tx, run, ct), cancellationToken);

    public Task RecordStageAsync(long runId, StageRunRecord result, StageStateChange change, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                // The history line first, then the record: one transaction, so both land or neither. The
                // ledger entries of the stage's ended processes go in the same write.
                await ForgetEndedAsync(tx, ct).ConfigureAwait(false);
                await RunTable.EnsureExistsAsync(tx, runId, ct).ConfigureAwait(false);
                await RunTable.AddStagesAsync(tx, runId, [result], ct).ConfigureAwait(false);
                await _stages.ApplyAsync(tx, change, runId, time.GetUtcNow(), ct).ConfigureAwait(false);
                return true;
            },
            () => throw RunTable.NotFound(runId),
            cancellationToken);

    public Task RecordStagesAsync(long runId, IReadOnlyList<StageRunRecord> results, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                await RunTable.EnsureExistsAsync(tx, runId, ct).ConfigureAwait(false);
                await RunTable.AddStagesAsync(tx, runId, results, ct).ConfigureAwait(false);
                return true;
            },
            () => throw RunTable.NotFound(runId),
            cancellationToken);

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finishedAt, string? note, CancellationToken cancellationToken) =>
        _database.UpdateAsync(
            async (tx, ct) =>
            {
                await RunTable.FinishAsync(tx, runId, status, finishedAt, note, ct).ConfigureAwait(false);
                return true;
            },
            () => throw RunTable.NotFound(runId),
            cancellationToken);

    public Task<int> MarkAbandonedRunsAsync(string note, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.UpdateAsync((tx, ct) => RunTable.MarkAbandonedAsync(tx, note, now, ct), () => 0, cancellationToken);

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        _database.ReadAsync((tx, ct) => RunTable.ListAsync(tx, limit, ct), () => [], cancellationToken);

    public Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        _database.ReadAsync((tx, ct) => RunTable.GetAsync(tx, runId, ct), () => null, cancellationToken);

    public Task RecordApprovalAsync(Approval approval, CancellationToken cancellationToken) =>
        WriteAsync(
            async (tx, ct) =>
            {
                await ApprovalTable.AddAsync(tx, approval, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task<Approval?> FindApprovalAsync(string stage, string fingerprint, CancellationToken cancellationToken) =>
        _database.ReadAsync((tx, ct) => ApprovalTable.FindAsync(tx, stage, fingerprint, ct), () => null, cancellationToken);

    public Task<string?> GetStageDataAsync(string stage, string key, CancellationToken cancellationToken) =>
        _database.ReadAsync((tx, ct) => StageDataTable.GetAsync(tx, stage, key, ct), () => null, cancellationToken);

    public Task SetStageDataAsync(string stage, string key, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            // Removing from a store that does not exist yet is already done.
            return _database.UpdateAsync(
                async (tx, ct) =>
                {
                    await StageDataTable.RemoveAsync(tx, stage, key, ct).ConfigureAwait(false);
                    return true;
                },
                () => false,
                cancellationToken);
        }

        return WriteAsync(
            async (tx, ct) =>
            {
                await StageDataTable.SetAsync(tx, stage, key, value, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<StateDocument> ExportAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync((tx, ct) => SqliteTransfer.ExportAsync(tx, _stages, NewHmacKey(), ct), () => StateDocument.Empty(NewHmacKey()), cancellationToken);

    public Task ImportAsync(StateDocument document, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (tx, ct) =>
            {
                await SqliteTransfer.ImportAsync(tx, _stages, document, time.GetUtcNow(), ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>A write that may be the first: it also stores the HMAC key LoadAsync handed out.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (tx, ct) =>
            {
                await MetaTable.SeedHmacKeyAsync(tx, _newHmacKey, ct).ConfigureAwait(false);
                return await work(tx, ct).ConfigureAwait(false);
            },
            cancellationToken);

    private byte[] NewHmacKey() => (byte[])_newHmacKey.Clone();
}

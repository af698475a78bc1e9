namespace Stagecraft.Core.State;

/// <summary>
/// Per project+environment state: stages, runs, the lock, approvals and kind data.
/// Every write is atomic; a stage result and its record change are written together.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Human description, e.g. "sqlite .stagecraft/local.db".</summary>
    string Description { get; }

    Task<StateSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Takes the lock unless another holder has it; <paramref name="mayTakeOver"/> decides whether a holder is stale.</summary>
    Task<LockAttempt> TryAcquireLockAsync(LockInfo mine, Func<LockInfo, bool> mayTakeOver, CancellationToken cancellationToken);

    /// <summary>Refreshes the heartbeat; false when the lock is no longer ours (it was broken).</summary>
    Task<bool> HeartbeatLockAsync(LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken);

    Task ReleaseLockAsync(LockInfo mine, CancellationToken cancellationToken);

    Task<LockInfo?> ReadLockAsync(CancellationToken cancellationToken);

    /// <summary>Removes whatever lock exists and returns it.</summary>
    Task<LockInfo?> BreakLockAsync(CancellationToken cancellationToken);

    Task<long> BeginRunAsync(RunStart run, CancellationToken cancellationToken);

    Task RecordStageAsync(long runId, StageRunRecord result, StageStateChange change, CancellationToken cancellationToken);

    /// <summary>Many results with no record change (no-change, skipped), in one write.</summary>
    Task RecordStagesAsync(long runId, IReadOnlyList<StageRunRecord> results, CancellationToken cancellationToken);

    Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finishedAt, string? note, CancellationToken cancellationToken);

    /// <summary>Marks runs still 'running' as crashed; called after a stale lock was taken over.</summary>
    Task<int> MarkAbandonedRunsAsync(string note, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunSummary>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken);

    Task RecordApprovalAsync(Approval approval, CancellationToken cancellationToken);

    Task<Approval?> FindApprovalAsync(string stage, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Kind-private data of a stage (e.g. a service's releases); null removes the key.</summary>
    Task<string?> GetStageDataAsync(string stage, string key, CancellationToken cancellationToken);

    Task SetStageDataAsync(string stage, string key, string? value, CancellationToken cancellationToken);
}

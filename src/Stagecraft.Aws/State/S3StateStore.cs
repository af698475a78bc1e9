using Stagecraft.Core.State.Portable;

namespace Stagecraft.Aws.State;

/// <summary>
/// State of one environment in S3, with its lock and current-version pointer in DynamoDB. Behaves
/// as the sqlite store does for the engine; every write is a new version (see <see cref="StateRepository"/>).
/// </summary>
internal sealed partial class S3StateStore : IStateStore, IStateTransfer, IStateVersions, ILeasedLock, IProcessLedger
{
    private readonly StateLocation _location;
    private readonly StateClients _clients;
    private readonly ControlTable _control;
    private readonly VersionObjects _objects;
    private readonly TimeProvider _time;
    private readonly StateLocks _locks;

    public S3StateStore(StateLocation location, StateClients clients, IValueProtector? protector, TimeProvider time, TimeSpan lockLease)
    {
        _location = location;
        _clients = clients;
        _time = time;
        _control = new ControlTable(clients.Dynamo, location, clients.LockWhere);
        _objects = new VersionObjects(clients.S3, location, clients.S3Where);
        Repository = new StateRepository(location, _control, _objects, protector, time);
        _locks = new StateLocks(_control, Repository, time, lockLease);
        LockLease = lockLease;
    }

    public string Description => _location.Description;

    public TimeSpan LockLease { get; }

    internal StateRepository Repository { get; }

    public async Task<StateSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var document = (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document;
        return new StateSnapshot(document.Stages.ToDictionary(s => s.Name, StringComparer.Ordinal), document.HmacKey);
    }

    public Task<LockAttempt> TryAcquireLockAsync(LockInfo mine, Func<LockInfo, bool> mayTakeOver, CancellationToken cancellationToken) =>
        _locks.TryAcquireAsync(mine, mayTakeOver, cancellationToken);

    public Task<bool> HeartbeatLockAsync(LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken) =>
        _locks.HeartbeatAsync(mine, now, cancellationToken);

    public Task ReleaseLockAsync(LockInfo mine, CancellationToken cancellationToken) => _locks.ReleaseAsync(mine, cancellationToken);

    public async Task<LockInfo?> ReadLockAsync(CancellationToken cancellationToken) =>
        ControlItem.ReadLock(await _control.ReadAsync(cancellationToken).ConfigureAwait(false));

    public Task<LockInfo?> BreakLockAsync(CancellationToken cancellationToken) => _locks.BreakAsync(cancellationToken);

    public Task<long> BeginRunAsync(RunStart run, CancellationToken cancellationToken) =>
        WriteAsync($"begin run ({run.Verb})", (state, _) => state.BeginRun(run), null, cancellationToken);

    public Task RecordStageAsync(long runId, StageRunRecord result, StageStateChange change, CancellationToken cancellationToken) =>
        WriteAsync($"run {runId}: {result.Stage} {result.Result.ToString().ToLowerInvariant()}", (state, now) =>
        {
            // The history line and the record change go into one version: both land or neither.
            state.AddStageResults(runId, [result]);
            state.Apply(change, runId, now);
            return true;
        }, null, cancellationToken);

    public Task RecordStagesAsync(long runId, IReadOnlyList<StageRunRecord> results, CancellationToken cancellationToken) =>
        WriteAsync($"run {runId}: {results.Count} stage result(s)", (state, _) =>
        {
            state.AddStageResults(runId, results);
            return true;
        }, null, cancellationToken);

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finishedAt, string? note, CancellationToken cancellationToken) =>
        WriteAsync($"run {runId}: {status.ToString().ToLowerInvariant()}", (state, _) =>
        {
            state.FinishRun(runId, status, finishedAt, note);
            return true;
        }, null, cancellationToken);

    public Task<int> MarkAbandonedRunsAsync(string note, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("mark abandoned runs crashed", (state, _) => state.MarkAbandoned(note, now), () => 0, cancellationToken);

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document.Runs.Select(r => r.Summary).OrderByDescending(r => r.Id).Take(limit).ToList();

    public async Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document.Runs.FirstOrDefault(r => r.Summary.Id == runId);

    public Task RecordApprovalAsync(Approval approval, CancellationToken cancellationToken) =>
        WriteAsync($"approval of {approval.Stage}", (state, _) =>
        {
            state.AddApproval(approval);
            return true;
        }, null, cancellationToken);

    public async Task<Approval?> FindApprovalAsync(string stage, string fingerprint, CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document.Approvals.LastOrDefault(a => a.Stage == stage && a.Fingerprint == fingerprint);

    public async Task<string?> GetStageDataAsync(string stage, string key, CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document.StageData.FirstOrDefault(d => d.Stage == stage && d.Key == key)?.Value;

    public Task SetStageDataAsync(string stage, string key, string? value, CancellationToken cancellationToken) =>
        WriteAsync($"{stage}: {(value is null ? "remove" : "set")} {key}", (state, _) =>
        {
            state.SetStageData(stage, key, value);
            return true;
        }, value is null ? () => true : null, cancellationToken);

    public async Task<StateDocument> ExportAsync(CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document;

    public Task ImportAsync(StateDocument document, CancellationToken cancellationToken) =>
        Repository.CommitAsync("state push", (current, _) =>
        {
            var state = MutableState.From(document);
            state.KeepRunIdsAbove(current.LastRunId);
            return (state.ToDocument(), true);
        }, null, cancellationToken, replacesAll: true);

    public Task<IReadOnlyList<StateVersion>> ListVersionsAsync(int limit, CancellationToken cancellationToken) =>
        new VersionHistory(_control, _objects, _location.Environment).ListAsync(limit, cancellationToken);

    public Task<StateVersion> RestoreAsync(long version, RunStart run, CancellationToken cancellationToken) =>
        new StateRestore(new VersionHistory(_control, _objects, _location.Environment), Repository).RestoreAsync(version, run, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Repository.Dispose();
        _clients.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> WriteAsync<T>(string description, Func<MutableState, DateTimeOffset, T> change, Func<T>? whenMissing, CancellationToken cancellationToken) =>
        (await Repository.CommitAsync(description, (current, now) =>
        {
            var state = MutableState.From(current);
            var result = change(state, now);
            return (state.ToDocument(), result);
        }, whenMissing, cancellationToken).ConfigureAwait(false)).Result;
}

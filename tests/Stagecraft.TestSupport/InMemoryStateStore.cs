using System.Security.Cryptography;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>A complete in-memory <see cref="IStateStore"/> for engine and planner tests.</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StageRecord> _stages = new(StringComparer.Ordinal);
    private readonly List<RunSummary> _runs = [];
    private readonly Dictionary<long, List<StageRunRecord>> _runStages = [];
    private readonly List<Approval> _approvals = [];
    private readonly Dictionary<(string, string), string> _data = [];
    private LockInfo? _lock;

    public byte[] HmacKey { get; } = RandomNumberGenerator.GetBytes(32);

    public string Description => "memory";

    public IReadOnlyDictionary<string, StageRecord> Stages
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, StageRecord>(_stages);
            }
        }
    }

    public IReadOnlyList<StageRunRecord> RunStages(long runId)
    {
        lock (_gate)
        {
            return _runStages.GetValueOrDefault(runId, []).ToList();
        }
    }

    public Task<StateSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new StateSnapshot(new Dictionary<string, StageRecord>(_stages), HmacKey));
        }
    }

    public Task<LockAttempt> TryAcquireLockAsync(LockInfo mine, Func<LockInfo, bool> mayTakeOver, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lock is not null && !mayTakeOver(_lock))
            {
                return Task.FromResult<LockAttempt>(new LockAttempt.Held(_lock));
            }

            var previous = _lock;
            _lock = mine;
            return Task.FromResult<LockAttempt>(new LockAttempt.Acquired(previous));
        }
    }

    public Task<bool> HeartbeatLockAsync(LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lock is null || _lock.Pid != mine.Pid || _lock.Host != mine.Host)
            {
                return Task.FromResult(false);
            }

            _lock = _lock with { HeartbeatAt = now };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLockAsync(LockInfo mine, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lock is not null && _lock.Pid == mine.Pid && _lock.Host == mine.Host)
            {
                _lock = null;
            }
        }

        return Task.CompletedTask;
    }

    public Task<LockInfo?> ReadLockAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_lock);
        }
    }

    public Task<LockInfo?> BreakLockAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var previous = _lock;
            _lock = null;
            return Task.FromResult(previous);
        }
    }

    public Task<long> BeginRunAsync(RunStart run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = _runs.Count + 1L;
            _runs.Add(new RunSummary(id, run.Verb, run.Environment, RunStatus.Running, run.StartedAt, null, run.User, run.Host, run.Pid, run.Arguments, null));
            _runStages[id] = [];
            return Task.FromResult(id);
        }
    }

    public Task RecordStageAsync(long runId, StageRunRecord result, StageStateChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _runStages[runId].Add(result);
            switch (change)
            {
                case StageStateChange.Put put:
                    _stages[put.Record.Name] = put.Record;
                    break;
                case StageStateChange.Remove remove:
                    _stages.Remove(remove.Stage);
                    break;
                case StageStateChange.SetStatus status:
                    _stages[status.Stage] = _stages.TryGetValue(status.Stage, out var existing)
                        ? existing with { Status = status.Status, LastError = status.Error, LastRunId = runId }
                        : new StageRecord(status.Stage, status.Kind, status.Status, null, null, new Dictionary<string, OutputValue>(), [], null, false, runId, DateTimeOffset.UnixEpoch, status.Error);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public Task RecordStagesAsync(long runId, IReadOnlyList<StageRunRecord> results, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _runStages[runId].AddRange(results);
        }

        return Task.CompletedTask;
    }

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finishedAt, string? note, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _runs.FindIndex(r => r.Id == runId);
            _runs[index] = _runs[index] with { Status = status, FinishedAt = finishedAt, Note = note };
        }

        return Task.CompletedTask;
    }

    public Task<int> MarkAbandonedRunsAsync(string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var count = 0;
            for (var i = 0; i < _runs.Count; i++)
            {
                if (_runs[i].Status == RunStatus.Running)
                {
                    _runs[i] = _runs[i] with { Status = RunStatus.Crashed, FinishedAt = now, Note = note };
                    count++;
                }
            }

            return Task.FromResult(count);
        }
    }

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RunSummary>>(_runs.OrderByDescending(r => r.Id).Take(limit).ToList());
        }
    }

    public Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var run = _runs.FirstOrDefault(r => r.Id == runId);
            return Task.FromResult(run is null ? null : new RunDetail(run, _runStages[runId].ToList()));
        }
    }

    public Task RecordApprovalAsync(Approval approval, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _approvals.Add(approval);
        }

        return Task.CompletedTask;
    }

    public Task<Approval?> FindApprovalAsync(string stage, string fingerprint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_approvals.LastOrDefault(a => a.Stage == stage && a.Fingerprint == fingerprint));
        }
    }

    public Task<string?> GetStageDataAsync(string stage, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_data.GetValueOrDefault((stage, key)));
        }
    }

    public Task SetStageDataAsync(string stage, string key, string? value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (value is null)
            {
                _data.Remove((stage, key));
            }
            else
            {
                _data[(stage, key)] = value;
            }
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

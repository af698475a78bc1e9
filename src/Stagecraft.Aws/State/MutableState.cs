using Stagecraft.Core.State.Portable;

namespace Stagecraft.Aws.State;

/// <summary>
/// A working copy of one state document that a write changes. A write applies its change to a
/// fresh copy of the latest version each time it tries, so a retry after a conflict never loses
/// the other writer's change, and a change that throws leaves nothing behind.
/// </summary>
internal sealed class MutableState
{
    private readonly SortedDictionary<string, StageRecord> _stages;
    private readonly List<RunSummary> _runs;
    private readonly Dictionary<long, List<StageRunRecord>> _runStages;
    private readonly List<Approval> _approvals;
    private readonly SortedDictionary<(string Stage, string Key), string> _data;
    private readonly byte[] _hmacKey;
    private long _lastRunId;

    private MutableState(StateDocument document)
    {
        _hmacKey = document.HmacKey;
        _stages = new SortedDictionary<string, StageRecord>(document.Stages.ToDictionary(s => s.Name, StringComparer.Ordinal), StringComparer.Ordinal);
        _runs = document.Runs.Select(r => r.Summary).OrderBy(r => r.Id).ToList();
        _runStages = document.Runs.ToDictionary(r => r.Summary.Id, r => r.Stages.ToList());
        _approvals = [.. document.Approvals];
        _data = new SortedDictionary<(string, string), string>(document.StageData.ToDictionary(d => (d.Stage, d.Key), d => d.Value));
        _lastRunId = Math.Max(document.LastRunId, _runs.Count == 0 ? 0 : _runs[^1].Id);
    }

    public long LastRunId => _lastRunId;

    public static MutableState From(StateDocument document) => new(document);

    public StateDocument ToDocument() => new(
        _hmacKey,
        [.. _stages.Values],
        _runs.Select(r => new RunDetail(r, _runStages[r.Id].ToList())).ToList(),
        [.. _approvals],
        _data.Select(d => new StageDataEntry(d.Key.Stage, d.Key.Key, d.Value)).ToList(),
        _lastRunId);

    public long BeginRun(RunStart run)
    {
        var id = ++_lastRunId;
        _runs.Add(new RunSummary(id, run.Verb, run.Environment, RunStatus.Running, run.StartedAt, null, run.User, run.Host, run.Pid, run.Arguments, null));
        _runStages[id] = [];
        return id;
    }

    /// <summary>Keeps run ids moving forward past <paramref name="lastRunId"/> (after a restore of an older version).</summary>
    public void KeepRunIdsAbove(long lastRunId) => _lastRunId = Math.Max(_lastRunId, lastRunId);

    public void AddStageResults(long runId, IEnumerable<StageRunRecord> results) => Lines(runId).AddRange(results);

    public void Apply(StageStateChange change, long runId, DateTimeOffset now)
    {
        switch (change)
        {
            case StageStateChange.None:
                break;
            case StageStateChange.Put put:
                _stages[put.Record.Name] = put.Record;
                break;
            case StageStateChange.SetStatus status:
                _stages[status.Stage] = _stages.TryGetValue(status.Stage, out var existing)
                    ? existing with { Status = status.Status, LastError = status.Error, LastRunId = runId, UpdatedAt = now }
                    : new StageRecord(status.Stage, status.Kind, status.Status, null, null, new Dictionary<string, OutputValue>(), [], null, false, runId, now, status.Error);
                break;
            case StageStateChange.Remove remove:
                // Stage data stays, as in the sqlite backend: a destroyed service's releases still explain what ran.
                _stages.Remove(remove.Stage);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown state change");
        }
    }

    public void FinishRun(long runId, RunStatus status, DateTimeOffset finishedAt, string? note)
    {
        var index = _runs.FindIndex(r => r.Id == runId);
        if (index < 0)
        {
            throw NotFound(runId);
        }

        _runs[index] = _runs[index] with { Status = status, FinishedAt = finishedAt, Note = note };
    }

    public int MarkAbandoned(string note, DateTimeOffset now)
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

        return count;
    }

    public void AddApproval(Approval approval) => _approvals.Add(approval);

    public void SetStageData(string stage, string key, string? value)
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

    public static InvalidOperationException NotFound(long runId) => new($"run {runId} is not in state");

    private List<StageRunRecord> Lines(long runId) => _runStages.TryGetValue(runId, out var lines) ? lines : throw NotFound(runId);
}

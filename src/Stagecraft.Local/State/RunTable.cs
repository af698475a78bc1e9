namespace Stagecraft.Local.State;

/// <summary>The 'runs' and 'run_stages' tables: the history of deploy/destroy/rollback runs.</summary>
internal static class RunTable
{
    private const string RunColumns = "id, verb, environment, status, started_at, finished_at, user, host, pid, arguments, note";
    private const string StageColumns = "stage, kind, action, result, started_at, duration_ms, reason, error, fingerprint, log_path";

    public static async Task<long> BeginAsync(SqliteTransaction transaction, RunStart run, CancellationToken cancellationToken)
    {
        var id = await transaction.ScalarAsync(
            """
            INSERT INTO runs (verb, environment, status, started_at, user, host, pid, arguments)
            VALUES ($verb, $environment, $status, $startedAt, $user, $host, $pid, $arguments)
            RETURNING id
            """,
            cancellationToken,
            ("$verb", run.Verb),
            ("$environment", run.Environment),
            ("$status", RunStatus.Running.ToString()),
            ("$startedAt", Timestamps.Format(run.StartedAt)),
            ("$user", run.User),
            ("$host", run.Host),
            ("$pid", run.Pid),
            ("$arguments", run.Arguments)).ConfigureAwait(false);
        return (long)id!;
    }

    /// <summary>Fails clearly (rather than with a foreign-key error) when the run is not in state.</summary>
    public static async Task EnsureExistsAsync(SqliteTransaction transaction, long runId, CancellationToken cancellationToken)
    {
        if (await transaction.ScalarAsync("SELECT 1 FROM runs WHERE id = $id", cancellationToken, ("$id", runId)).ConfigureAwait(false) is null)
        {
            throw NotFound(runId);
        }
    }

    /// <summary>Appends results after the run's existing ones; the caller's write transaction makes seq safe.</summary>
    public static async Task AddStagesAsync(SqliteTransaction transaction, long runId, IEnumerable<StageRunRecord> results, CancellationToken cancellationToken)
    {
        var last = await transaction.ScalarAsync("SELECT MAX(seq) FROM run_stages WHERE run_id = $id", cancellationToken, ("$id", runId)).ConfigureAwait(false);
        var seq = last is null ? 0L : (long)last;
        foreach (var result in results)
        {
            seq++;
            await transaction.ExecuteAsync(
                $"""
                INSERT INTO run_stages (run_id, seq, {StageColumns})
                VALUES ($runId, $seq, $stage, $kind, $action, $result, $startedAt, $durationMs, $reason, $error, $fingerprint, $logPath)
                """,
                cancellationToken,
                ("$runId", runId),
                ("$seq", seq),
                ("$stage", result.Stage),
                ("$kind", result.Kind),
                ("$action", result.Action.ToString()),
                ("$result", result.Result.ToString()),
                ("$startedAt", Timestamps.Format(result.StartedAt)),
                ("$durationMs", (long)Math.Round(result.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero)),
                ("$reason", result.Reason),
                ("$error", result.Error),
                ("$fingerprint", result.Fingerprint),
                ("$logPath", result.LogPath)).ConfigureAwait(false);
        }
    }

    public static async Task FinishAsync(SqliteTransaction transaction, long runId, RunStatus status, DateTimeOffset finishedAt, string? note, CancellationToken cancellationToken)
    {
        var changed = await transaction.ExecuteAsync(
            "UPDATE runs SET status = $status, finished_at = $finishedAt, note = $note WHERE id = $id",
            cancellationToken,
            ("$status", status.ToString()),
            ("$finishedAt", Timestamps.Format(finishedAt)),
            ("$note", note),
            ("$id", runId)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw NotFound(runId);
        }
    }

    public static Task<int> MarkAbandonedAsync(SqliteTransaction transaction, string note, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "UPDATE runs SET status = $crashed, finished_at = $now, note = $note WHERE status = $running",
            cancellationToken,
            ("$crashed", RunStatus.Crashed.ToString()),
            ("$now", Timestamps.Format(now)),
            ("$note", note),
            ("$running", RunStatus.Running.ToString()));

    public static async Task<IReadOnlyList<RunSummary>> ListAsync(SqliteTransaction transaction, int limit, CancellationToken cancellationToken) =>
        await transaction.QueryAsync($"SELECT {RunColumns} FROM runs ORDER BY id DESC LIMIT $limit", MapRun, cancellationToken, ("$limit", limit)).ConfigureAwait(false);

    public static async Task<RunDetail?> GetAsync(SqliteTransaction transaction, long runId, CancellationToken cancellationToken)
    {
        var runs = await transaction.QueryAsync($"SELECT {RunColumns} FROM runs WHERE id = $id", MapRun, cancellationToken, ("$id", runId)).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return null;
        }

        var stages = await transaction.QueryAsync($"SELECT {StageColumns} FROM run_stages WHERE run_id = $id ORDER BY seq", MapStage, cancellationToken, ("$id", runId)).ConfigureAwait(false);
        return new RunDetail(runs[0], stages);
    }

    /// <summary>Every run with its stage results, oldest first (for 'state pull').</summary>
    public static async Task<List<RunDetail>> ReadAllAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var runs = await transaction.QueryAsync($"SELECT {RunColumns} FROM runs ORDER BY id", MapRun, cancellationToken).ConfigureAwait(false);
        var stages = await transaction.QueryAsync($"SELECT run_id, {StageColumns} FROM run_stages ORDER BY run_id, seq", row => (RunId: row.Integer("run_id"), Stage: MapStage(row)), cancellationToken).ConfigureAwait(false);
        var byRun = stages.ToLookup(s => s.RunId, s => s.Stage);
        return runs.Select(r => new RunDetail(r, byRun[r.Id].ToList())).ToList();
    }

    /// <summary>Inserts a run under its own id with its stage results (for 'state push').</summary>
    public static async Task InsertAsync(SqliteTransaction transaction, RunDetail run, CancellationToken cancellationToken)
    {
        var r = run.Summary;
        await transaction.ExecuteAsync(
            $"INSERT INTO runs ({RunColumns}) VALUES ($id, $verb, $environment, $status, $startedAt, $finishedAt, $user, $host, $pid, $arguments, $note)",
            cancellationToken,
            ("$id", r.Id),
            ("$verb", r.Verb),
            ("$environment", r.Environment),
            ("$status", r.Status.ToString()),
            ("$startedAt", Timestamps.Format(r.StartedAt)),
            ("$finishedAt", Timestamps.Format(r.FinishedAt)),
            ("$user", r.User),
            ("$host", r.Host),
            ("$pid", r.Pid),
            ("$arguments", r.Arguments),
            ("$note", r.Note)).ConfigureAwait(false);
        await AddStagesAsync(transaction, r.Id, run.Stages, cancellationToken).ConfigureAwait(false);
    }

    public static InvalidOperationException NotFound(long runId) => new($"run {runId} is not in state");

    private static RunSummary MapRun(SqliteDataReader row) => new(
        row.Integer("id"),
        row.Text("verb"),
        row.Text("environment"),
        row.Enum<RunStatus>("status"),
        row.Time("started_at"),
        row.OptionalTime("finished_at"),
        row.Text("user"),
        row.Text("host"),
        (int)row.Integer("pid"),
        row.Text("arguments"),
        row.OptionalText("note"));

    private static StageRunRecord MapStage(SqliteDataReader row) => new(
        row.Text("stage"),
        row.Text("kind"),
        row.Enum<StageAction>("action"),
        row.Enum<StageResult>("result"),
        row.OptionalTime("started_at"),
        TimeSpan.FromMilliseconds(row.Integer("duration_ms")),
        row.OptionalText("reason"),
        row.OptionalText("error"),
        row.OptionalText("fingerprint"),
        row.OptionalText("log_path"));
}

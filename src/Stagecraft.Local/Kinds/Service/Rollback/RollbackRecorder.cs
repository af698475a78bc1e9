using Stagecraft.Core.Sessions;

namespace Stagecraft.Local.Kinds.Service.Rollback;

/// <summary>
/// Writes a rollback into state as a run of one stage. On success the stage's outputs name the release
/// now live, and its fingerprint becomes the one that release was made from: the project file now asks
/// for something newer than what runs, so plan shows the stage as an update until it is deployed again.
/// </summary>
internal sealed class RollbackRecorder(EnvironmentSession session, long runId, StageRecord record, string logPath)
{
    public async Task SucceededAsync(ReleaseOutcome outcome, DateTimeOffset started, TimeSpan duration)
    {
        var outputs = new Dictionary<string, OutputValue>(record.Outputs, StringComparer.Ordinal);
        foreach (var (key, value) in ServiceKind.Outputs(outcome))
        {
            outputs[key] = value;
        }

        var now = session.Time.GetUtcNow();
        var updated = record with
        {
            Status = StageStatus.Deployed,
            Fingerprint = outcome.Fingerprint,
            Manifest = null,
            Outputs = outputs,
            LastRunId = runId,
            UpdatedAt = now,
            LastError = null,
        };
        await session.State.RecordStageAsync(runId, Line(StageResult.Succeeded, started, duration, $"rolled back to {outcome.Release}", null, outcome.Fingerprint),
            new StageStateChange.Put(updated), CancellationToken.None).ConfigureAwait(false);
        await session.State.FinishRunAsync(runId, RunStatus.Succeeded, now, $"{record.Name} rolled back to {outcome.Release}", CancellationToken.None).ConfigureAwait(false);
    }

    // The live release did not change, so the stage's record stays as it was.
    public async Task FailedAsync(string error, DateTimeOffset started, TimeSpan duration)
    {
        await session.State.RecordStageAsync(runId, Line(StageResult.Failed, started, duration, null, error, record.Fingerprint), new StageStateChange.None(), CancellationToken.None)
            .ConfigureAwait(false);
        await session.State.FinishRunAsync(runId, RunStatus.Failed, session.Time.GetUtcNow(), null, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task InterruptedAsync(DateTimeOffset started, TimeSpan duration)
    {
        await session.State.RecordStageAsync(runId, Line(StageResult.Interrupted, started, duration, null, "interrupted", record.Fingerprint), new StageStateChange.None(), CancellationToken.None)
            .ConfigureAwait(false);
        await session.State.FinishRunAsync(runId, RunStatus.Interrupted, session.Time.GetUtcNow(), null, CancellationToken.None).ConfigureAwait(false);
    }

    private StageRunRecord Line(StageResult result, DateTimeOffset started, TimeSpan duration, string? reason, string? error, string? fingerprint) =>
        new(record.Name, record.Kind, StageAction.Update, result, started, duration, reason, error, fingerprint, logPath);
}

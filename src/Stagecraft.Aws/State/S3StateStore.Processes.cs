namespace Stagecraft.Aws.State;

/// <summary>
/// The process ledger, kept in the state document's stage data: with a shared state a run on another
/// host can then name the stages a crashed run may still be running (it cannot end them from there).
/// </summary>
internal sealed partial class S3StateStore
{
    // A stage that runs the aws CLI many times needs one entry to be named: one write per stage, not per process.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Run, string Stage), bool> _recordedStages = new();

    public Task RecordProcessAsync(StageProcess process, CancellationToken cancellationToken) =>
        !_recordedStages.TryAdd((process.RunId, process.Stage), true) ? Task.CompletedTask : WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{process.Stage}: process {process.Pid} started on {process.Host}"), (state, _) =>
        {
            state.SetStageData(process.Stage, StageProcessData.Key(process), StageProcessData.Encode(process));
            return true;
        }, null, cancellationToken);

    /// <summary>Kept until the run ends (<see cref="IProcessLedger.ForgetRunAsync"/>): a write per process would cost a state version each.</summary>
    public Task ProcessEndedAsync(StageProcess process, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForgetProcessesAsync(IReadOnlyList<StageProcess> processes, CancellationToken cancellationToken) =>
        WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{processes.Count} stage process(es) ended"), (state, _) =>
        {
            foreach (var process in processes)
            {
                state.SetStageData(process.Stage, StageProcessData.Key(process), null);
            }

            return true;
        }, () => true, cancellationToken);

    public async Task<IReadOnlyList<StageProcess>> ListProcessesAsync(CancellationToken cancellationToken) =>
        (await Repository.ReadAsync(cancellationToken).ConfigureAwait(false)).Document.StageData
            .Where(d => StageProcessData.IsProcessKey(d.Key))
            .Select(d => StageProcessData.Decode(d.Stage, d.Value)).OfType<StageProcess>().ToList();
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Stagecraft.Core.Engine;

/// <summary>
/// Deploys or destroys one stage: re-resolve with the outputs upstream stages really produced,
/// skip if the fingerprint is unchanged, otherwise call the kind and write the outcome to state
/// in one transaction.
/// </summary>
internal sealed class StageExecutor(RunServices run, StageEvaluator evaluator, RunOutputs outputs)
{
    private readonly RunServices _run = run;
    private readonly RunOutputs _outputs = outputs;

    /// <summary>Results written together at the end of the run (unchanged stages), so a no-change run costs one write.</summary>
    public ConcurrentQueue<StageRunRecord> Deferred { get; } = new();

    public async Task<StageReport> DeployAsync(PlannedStage planned, bool upstreamApplied, CancellationToken cancellationToken)
    {
        var definition = planned.Definition!;
        var record = planned.Record;
        var forced = planned.Forced || _run.Options.Force.Contains(planned.Name);
        if (planned.Action == StageAction.NoChange && !upstreamApplied && !forced)
        {
            _outputs.Complete(planned.Name, record!.Outputs);
            Deferred.Enqueue(new StageRunRecord(planned.Name, planned.Kind, StageAction.NoChange, StageResult.Unchanged, null, TimeSpan.Zero, null, null, record.Fingerprint, null));
            return Report(planned, StageAction.NoChange, StageResult.Unchanged, TimeSpan.Zero, null, null, [], null, record.Outputs);
        }

        var evaluated = await evaluator.EvaluateAsync(definition, _outputs, cancellationToken).ConfigureAwait(false);
        if (Unresolved(evaluated) is { } error)
        {
            return await FailAsync(planned, planned.Action, TimeSpan.Zero, error, [], null, cancellationToken).ConfigureAwait(false);
        }

        var (action, reasons) = ActionDecider.Decide(record, evaluated, forced, planned.Drift);
        if (action == StageAction.NoChange)
        {
            _outputs.Complete(planned.Name, record!.Outputs);
            var why = planned.Action == StageAction.Pending ? "inputs unchanged after upstream deploys" : null;
            await RecordAsync(planned, StageAction.NoChange, StageResult.Unchanged, null, TimeSpan.Zero, why, null, evaluated.Fingerprint.Value, null, new StageStateChange.None()).ConfigureAwait(false);
            return Report(planned, StageAction.NoChange, StageResult.Unchanged, TimeSpan.Zero, why, null, [], null, record.Outputs);
        }

        return await ApplyAsync(planned, action, string.Join("; ", reasons), evaluated, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StageReport> DestroyAsync(PlannedStage planned, CancellationToken cancellationToken)
    {
        var record = planned.Record!;
        var kind = _run.Session.Catalog.FindKind(record.Kind)
            ?? throw new StagecraftException($"stage '{record.Name}' has kind '{record.Kind}', which this version of stagecraft does not know", ExitCodes.InvalidInput);
        ResolvedMap settings;
        if (planned.Definition is null)
        {
            settings = ResolvedJson.ReadMap(record.SettingsJson ?? "{}");
        }
        else
        {
            // A destroy command must never run with a blank or placeholder where a value is missing.
            var evaluated = await evaluator.EvaluateAsync(planned.Definition, _outputs, cancellationToken).ConfigureAwait(false);
            if (Unresolved(evaluated) is { } error)
            {
                return await FailAsync(planned, StageAction.Destroy, TimeSpan.Zero, error, [], null, cancellationToken).ConfigureAwait(false);
            }

            settings = evaluated.Settings;
        }

        var started = _run.Session.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var logPath = LogPath(planned.Name);
        _run.Observer.StageStarted(planned.Name, StageAction.Destroy, logPath);
        try
        {
            using var log = new StageLogFile(logPath, _run.Session.Masker, status => _run.Observer.StageStatus(planned.Name, status));
            await kind.DestroyAsync(Context(planned, settings, record.Fingerprint ?? "", log), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (message, details) = Describe(ex, logPath);
            return await FailAsync(planned, StageAction.Destroy, clock.Elapsed, message, details, logPath, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return await InterruptedAsync(planned, StageAction.Destroy, clock.Elapsed, logPath).ConfigureAwait(false);
        }

        await RecordAsync(planned, StageAction.Destroy, StageResult.Destroyed, started, clock.Elapsed, "destroyed", null, record.Fingerprint, logPath, new StageStateChange.Remove(planned.Name)).ConfigureAwait(false);
        return Report(planned, StageAction.Destroy, StageResult.Destroyed, clock.Elapsed, null, null, [], logPath, new Dictionary<string, OutputValue>());
    }

    private async Task<StageReport> ApplyAsync(PlannedStage planned, StageAction action, string reason, EvaluatedStage evaluated, CancellationToken cancellationToken)
    {
        var kind = _run.Session.Catalog.Kind(planned.Kind);
        var started = _run.Session.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var logPath = LogPath(planned.Name);
        _run.Observer.StageStarted(planned.Name, action, logPath);
        Directory.CreateDirectory(_run.Session.Directories.StageDirectory(planned.Name));

        StageOutcome outcome;
        try
        {
            using var log = new StageLogFile(logPath, _run.Session.Masker, status => _run.Observer.StageStatus(planned.Name, status));
            log.Line($"# {ActionText.Of(action)} {planned.Name} ({planned.Kind}) at {started:u}: {reason}");
            outcome = await kind.ApplyAsync(Context(planned, evaluated.Settings, evaluated.Fingerprint.Value, log), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await InterruptedAsync(planned, action, clock.Elapsed, logPath).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (message, details) = Describe(ex, logPath);
            var failed = await FailAsync(planned, action, clock.Elapsed, message, details, logPath, CancellationToken.None).ConfigureAwait(false);
            return ex is StagecraftException { ExitCode: ExitCodes.InvalidInput } ? failed with { InvalidInput = true } : failed;
        }

        if (outcome is StageOutcome.WaitingForApproval waiting)
        {
            await RecordAsync(planned, action, StageResult.Waiting, started, clock.Elapsed, "waiting for approval", null, evaluated.Fingerprint.Value, logPath,
                new StageStateChange.SetStatus(planned.Name, planned.Kind, StageStatus.Waiting, null)).ConfigureAwait(false);
            return Report(planned, action, StageResult.Waiting, clock.Elapsed, waiting.Instructions, null, [], logPath, new Dictionary<string, OutputValue>());
        }

        var outputs = MergeOutputs(evaluated.DeclaredOutputs, ((StageOutcome.Completed)outcome).Outputs);
        var newRecord = new StageRecord(planned.Name, planned.Kind, StageStatus.Deployed, evaluated.Fingerprint.Value, evaluated.Fingerprint.Manifest,
            outputs, planned.Upstream, ResolvedJson.Write(evaluated.Settings), planned.Protect, _run.RunId, _run.Session.Time.GetUtcNow(), null);
        await RecordAsync(planned, action, StageResult.Succeeded, started, clock.Elapsed, reason, null, evaluated.Fingerprint.Value, logPath, new StageStateChange.Put(newRecord)).ConfigureAwait(false);
        _outputs.Complete(planned.Name, outputs);
        return Report(planned, action, StageResult.Succeeded, clock.Elapsed, reason, null, [], logPath, outputs);
    }

    // Declared outputs come first; values a process reported at run time win over them.
    private Dictionary<string, OutputValue> MergeOutputs(ResolvedMap declared, IReadOnlyDictionary<string, OutputValue> produced)
    {
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
        foreach (var (key, node) in declared.Entries)
        {
            if (node is ResolvedScalar scalar)
            {
                outputs[key] = new OutputValue(scalar.Value, scalar.Sensitive);
            }
        }

        foreach (var (key, value) in produced)
        {
            var sensitive = value.Sensitive || _run.Session.Masker.Apply(value.Value) != value.Value;
            outputs[key] = value with { Sensitive = sensitive };
        }

        return outputs;
    }

    private StageContext Context(PlannedStage planned, ResolvedMap settings, string fingerprint, IStageLog log) => new()
    {
        Project = _run.Session.Project.Name,
        Environment = _run.Session.Environment,
        Stage = planned.Name,
        RunId = _run.RunId,
        ProjectDirectory = _run.Session.Project.Directory,
        StageDirectory = _run.Session.Directories.StageDirectory(planned.Name),
        Settings = settings,
        Previous = planned.Record,
        Fingerprint = fingerprint,
        Log = log,
        Interaction = _run.Interaction,
        State = _run.Session.State,
        Masker = _run.Session.Masker,
        Time = _run.Session.Time,
        Services = _run.Session.Target.Services,
        AllowAbsolutePaths = _run.Session.Project.AllowAbsolutePaths,
    };

    private (string Message, IReadOnlyList<string> Details) Describe(Exception ex, string logPath)
    {
        var masker = _run.Session.Masker;
        switch (ex)
        {
            case StageFailedException failed:
                return (masker.Apply(failed.Message), failed.Details.Concat(failed.Hint is null ? [] : ["hint: " + failed.Hint]).Select(masker.Apply).ToList());
            case StagecraftException known:
                return (masker.Apply(known.Message), known.Hint is null ? [] : ["hint: " + masker.Apply(known.Hint)]);
            default:
                File.AppendAllText(logPath, masker.Apply(ex.ToString()) + Environment.NewLine);
                return ($"unexpected {ex.GetType().Name}: {masker.Apply(ex.Message)}", [$"details in {logPath}"]);
        }
    }

    /// <summary>Why the stage's settings cannot be used as they are (errors, or references not known yet), or null.</summary>
    private static string? Unresolved(EvaluatedStage evaluated) =>
        evaluated.Errors.Count > 0 ? string.Join(Environment.NewLine, evaluated.Errors.Select(e => e.ToString()))
        : evaluated.IsPending ? $"inputs still unknown: {string.Join(", ", evaluated.Trace.PendingReferences)}"
        : null;

    private async Task<StageReport> FailAsync(PlannedStage planned, StageAction action, TimeSpan duration, string error, IReadOnlyList<string> details, string? logPath, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        // Errors are stored in state and history and printed: no secret may ride along in one.
        error = _run.Session.Masker.Apply(error);
        AppendFailure(logPath, error, details);
        var change = action == StageAction.Destroy
            ? new StageStateChange.None()
            : (StageStateChange)new StageStateChange.SetStatus(planned.Name, planned.Kind, StageStatus.Failed, error);
        await RecordAsync(planned, action, StageResult.Failed, _run.Session.Time.GetUtcNow() - duration, duration, null, error, planned.Fingerprint?.Value, logPath, change).ConfigureAwait(false);
        return Report(planned, action, StageResult.Failed, duration, null, error, details, logPath, new Dictionary<string, OutputValue>());
    }

    private async Task<StageReport> InterruptedAsync(PlannedStage planned, StageAction action, TimeSpan duration, string logPath)
    {
        var change = action == StageAction.Destroy
            ? new StageStateChange.None()
            : (StageStateChange)new StageStateChange.SetStatus(planned.Name, planned.Kind, StageStatus.Interrupted, "interrupted");
        await RecordAsync(planned, action, StageResult.Interrupted, _run.Session.Time.GetUtcNow() - duration, duration, null, "interrupted", null, logPath, change).ConfigureAwait(false);
        return Report(planned, action, StageResult.Interrupted, duration, null, "interrupted", [], logPath, new Dictionary<string, OutputValue>());
    }

    // The stage's log ends with its failure and hint, so 'stagecraft report' can show them from history.
    private void AppendFailure(string? logPath, string error, IReadOnlyList<string> details)
    {
        if (logPath is null || !File.Exists(logPath))
        {
            return;
        }

        try
        {
            var masker = _run.Session.Masker;
            File.AppendAllLines(logPath, new[] { "error: " + error }.Concat(details.Select(d => masker.Apply(d))));
        }
        catch (IOException)
        {
            // The log is a convenience; the failure itself is in state already.
        }
    }

    // State writes after a stage are not cancellable: a stage that finished must be recorded even during Ctrl-C.
    private Task RecordAsync(PlannedStage planned, StageAction action, StageResult result, DateTimeOffset? started, TimeSpan duration, string? reason, string? error, string? fingerprint, string? logPath, StageStateChange change) =>
        _run.Session.State.RecordStageAsync(_run.RunId,
            new StageRunRecord(planned.Name, planned.Kind, action, result, started, duration, reason, error, fingerprint, logPath is null ? null : RelativeLog(logPath)),
            change, CancellationToken.None);

    private string LogPath(string stage) => Path.Combine(_run.Session.Directories.RunLogDirectory(_run.RunId), stage + ".log");

    private string RelativeLog(string path) => Path.GetRelativePath(_run.Session.Project.Directory, path);

    private static StageReport Report(PlannedStage planned, StageAction action, StageResult result, TimeSpan duration, string? reason, string? error, IReadOnlyList<string> details, string? logPath, IReadOnlyDictionary<string, OutputValue> outputs) =>
        new(planned.Name, planned.Kind, action, result, duration, reason, error, details, logPath, outputs);
}

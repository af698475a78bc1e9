using Stagecraft.Core.Sessions;

namespace Stagecraft.Core.Engine;

/// <summary>
/// Executes a plan: deploys in dependency order and destroys in reverse, through the DAG
/// scheduler, recording the run and every stage in state. The caller holds the lock.
/// </summary>
public sealed class RunEngine(EnvironmentSession session, IRunObserver observer, IInteraction interaction, IHostInfo host)
{
    public async Task<RunReport> ExecuteAsync(string verb, Plan plan, StateSnapshot snapshot, EngineOptions options, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runId = await session.State.BeginRunAsync(new RunStart(verb, session.Environment.Name, host.UserName, host.HostName, host.ProcessId,
            session.Time.GetUtcNow(), options.Arguments), cancellationToken).ConfigureAwait(false);
        observer.RunStarted(runId, verb, plan);

        var stages = plan.Stages;
        var inRun = stages.Where(s => s.Action != StageAction.Destroy).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var outputs = new RunOutputs(snapshot, inRun);
        var services = new RunServices(session, snapshot, runId, observer, interaction, options);
        var executor = new StageExecutor(services, session.CreateEvaluator(snapshot), outputs);
        var applied = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var reports = new StageReport?[stages.Count];
        var holderStart = host.ProcessStart(host.ProcessId);
        var ledger = session.State as IProcessLedger;

        var scheduler = new DagScheduler(BuildNodes(stages), options.Parallelism, k => session.Catalog.FindKind(k)?.MaxConcurrency, options.KeepGoing);
        var skipped = await scheduler.RunAsync(async (i, ct) =>
        {
            var scope = new StageScope(runId, stages[i].Name, host.HostName, host.ProcessId, holderStart, ledger);
            var report = await RunOneAsync(executor, stages[i], scope, applied, ct).ConfigureAwait(false);
            reports[i] = report;
            if (report.Result == StageResult.Succeeded)
            {
                applied[report.Stage] = true;
            }

            observer.StageFinished(report);
            return report.Result switch
            {
                StageResult.Succeeded or StageResult.Unchanged or StageResult.Destroyed => NodeState.Succeeded,
                StageResult.Waiting => NodeState.Waiting,
                StageResult.Interrupted => NodeState.Interrupted,
                _ => NodeState.Failed,
            };
        }, cancellationToken).ConfigureAwait(false);

        var deferred = executor.Deferred.ToList();
        foreach (var skip in skipped)
        {
            var stage = stages[skip.Node];
            reports[skip.Node] = new StageReport(stage.Name, stage.Kind, stage.Action, StageResult.Skipped, TimeSpan.Zero, skip.Reason, null, [], null, new Dictionary<string, OutputValue>());
            deferred.Add(new StageRunRecord(stage.Name, stage.Kind, stage.Action, StageResult.Skipped, null, TimeSpan.Zero, skip.Reason, null, null, null));
            observer.StageFinished(reports[skip.Node]!);
        }

        await session.State.RecordStagesAsync(runId, deferred, CancellationToken.None).ConfigureAwait(false);
        var all = reports.Select(r => r!).ToList();
        var status = cancellationToken.IsCancellationRequested || all.Any(r => r.Result == StageResult.Interrupted) ? RunStatus.Interrupted
            : all.Any(r => r.Result == StageResult.Failed) ? RunStatus.Failed
            : all.Any(r => r.Result == StageResult.Waiting) ? RunStatus.WaitingForApproval
            : RunStatus.Succeeded;
        await session.State.FinishRunAsync(runId, status, session.Time.GetUtcNow(), null, CancellationToken.None).ConfigureAwait(false);
        if (ledger is not null)
        {
            await ledger.ForgetRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
        }

        var result = new RunReport(runId, verb, status, all, clock.Elapsed);
        observer.RunFinished(result);
        return result;
    }

    private async Task<StageReport> RunOneAsync(StageExecutor executor, PlannedStage stage, StageScope scope, System.Collections.Concurrent.ConcurrentDictionary<string, bool> applied, CancellationToken cancellationToken)
    {
        // Every process this stage starts, however deep in its kind, is recorded under it (see StageScope).
        StageScope.Enter(scope);
        try
        {
            return stage.Action == StageAction.Destroy
                ? await executor.DestroyAsync(stage, cancellationToken).ConfigureAwait(false)
                : await executor.DeployAsync(stage, stage.Upstream.Any(applied.ContainsKey), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StageReport(stage.Name, stage.Kind, stage.Action, StageResult.Interrupted, TimeSpan.Zero, null, "interrupted", [], null, new Dictionary<string, OutputValue>());
        }
        catch (Exception ex)
        {
            var message = ex is StagecraftException ? ex.Message : $"unexpected {ex.GetType().Name}: {ex.Message}";
            return new StageReport(stage.Name, stage.Kind, stage.Action, StageResult.Failed, TimeSpan.Zero, null, session.Masker.Apply(message), [], null, new Dictionary<string, OutputValue>());
        }
    }

    // Deploys wait for their upstream stages in the run; destroys wait for the stages that consume them.
    private static List<DagScheduler.Node> BuildNodes(IReadOnlyList<PlannedStage> stages)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            index[stages[i].Name] = i;
        }

        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            foreach (var upstream in stages[i].Upstream)
            {
                if (!consumers.TryGetValue(upstream, out var list))
                {
                    consumers[upstream] = list = [];
                }

                list.Add(i);
            }
        }

        var nodes = new List<DagScheduler.Node>(stages.Count);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var waits = stage.Action == StageAction.Destroy
                ? consumers.GetValueOrDefault(stage.Name, []).Where(c => stages[c].Action == StageAction.Destroy).ToList()
                : stage.Upstream.Where(index.ContainsKey).Select(u => index[u]).Where(u => stages[u].Action != StageAction.Destroy).ToList();
            nodes.Add(new DagScheduler.Node(stage.Name, stage.Kind, waits));
        }

        return nodes;
    }
}

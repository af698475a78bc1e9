namespace Stagecraft.Core.Planning;

/// <summary>
/// Computes the plan: for each stage in dependency order, resolve it with the outputs state
/// knows, fingerprint it and compare. A consumer of a stage that will deploy is 'pending'; the
/// engine decides it after the upstream has really deployed.
/// </summary>
public sealed class Planner(ProjectDefinition project, string environment, StageGraph graph, StateSnapshot state, StageEvaluator evaluator)
{
    private readonly ProjectDefinition _project = project;
    private readonly string _environment = environment;
    private readonly StageGraph _graph = graph;
    private readonly StateSnapshot _state = state;

    public async Task<Plan> PlanAsync(PlanOptions options, CancellationToken cancellationToken)
    {
        var selected = StageSelection.Select(_project, _graph, _state, options);
        var considered = _graph.WithUpstream(selected);
        var changing = new HashSet<string>(StringComparer.Ordinal);
        var outputs = new StateOutputSource(_state, changing);
        var force = options.Force.ToHashSet(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        var planned = new Dictionary<int, PlannedStage>();

        foreach (var index in _graph.TopologicalOrder())
        {
            if (!considered.Contains(index))
            {
                continue;
            }

            var stage = _project.Stages[index];
            var record = _state.Find(stage.Name);
            var evaluated = await evaluator.EvaluateAsync(stage, outputs, cancellationToken).ConfigureAwait(false);
            foreach (var error in evaluated.Errors)
            {
                diagnostics.Add(error.Location, error.Message, error.Hint);
            }

            var forced = force.Contains(stage.Name);
            var drift = options.Drift.GetValueOrDefault(stage.Name);
            var (action, reasons) = ActionDecider.Decide(record, evaluated, forced, drift);
            if (action != StageAction.NoChange)
            {
                changing.Add(stage.Name);
            }

            planned[index] = new PlannedStage(stage.Name, stage.Kind, action, reasons, evaluated.IsPending ? null : evaluated.Fingerprint,
                _graph.UpstreamOf(stage.Name).ToList(), evaluated.Trace.PendingStages, stage, record)
            {
                Forced = forced,
                Drift = drift,
            };
        }

        diagnostics.ThrowIfAny();
        var targeted = options.Targets.Count > 0;
        if (targeted)
        {
            StageSelection.RefuseStaleDependencies(_graph, selected, planned);
        }

        var stages = _graph.TopologicalOrder().Where(selected.Contains).Select(i => planned[i]).ToList();
        if (!targeted)
        {
            stages.AddRange(RemovedStages());
        }

        var plan = new Plan(_project.Name, _environment, stages, targeted);
        if (options.ForDeploy)
        {
            ProtectedStages.RefuseRemovals(plan);
        }

        return plan;
    }

    /// <summary>Stages in state but gone from the file, consumers before what they consumed.</summary>
    private IEnumerable<PlannedStage> RemovedStages()
    {
        var removed = _state.Stages.Values.Where(r => !_graph.Contains(r.Name)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (removed.Count == 0)
        {
            return [];
        }

        var names = removed.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var graph = new StageGraph(removed.Select(r => r.Name).ToList(), n => _state.Stages[n].DependsOn.Where(names.Contains));
        return graph.TopologicalOrder().Reverse().Select(i => _state.Stages[graph.Names[i]]).Select(r =>
            new PlannedStage(r.Name, r.Kind, StageAction.Destroy,
                [_project.AbsentStages.Contains(r.Name) ? $"in state, but its only_in leaves out environment '{_environment}'" : "in state, no longer in the project file"], null, r.DependsOn, [], null, r));
    }
}

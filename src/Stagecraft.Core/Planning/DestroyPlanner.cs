namespace Stagecraft.Core.Planning;

/// <summary>
/// Plans a destroy: the named stages (or everything in state) and every deployed stage that
/// consumes them, listed consumers first. Only stages state knows are destroyed, and protected
/// ones only with <c>force</c>.
/// </summary>
public static class DestroyPlanner
{
    public static Plan Plan(ProjectDefinition project, string environment, StageGraph graph, StateSnapshot state, IReadOnlyList<string> targets, bool force = false)
    {
        var unknown = targets.Where(t => state.Find(t) is null).ToList();
        if (unknown.Count > 0)
        {
            var known = state.Stages.Keys.ToList();
            throw new InvalidInputException($"nothing to destroy for {string.Join(", ", unknown.Select(u => $"'{u}'"))}: not deployed in environment '{environment}'",
                known.Count == 0 ? "nothing is deployed in this environment" : DidYouMean.Hint(unknown[0], known, "deployed stages"));
        }

        var upstream = state.Stages.Values.ToDictionary(r => r.Name, r => UpstreamOf(r, graph), StringComparer.Ordinal);
        var selected = targets.Count == 0 ? state.Stages.Keys.ToHashSet(StringComparer.Ordinal) : Consumers(targets, upstream);
        var names = selected.OrderBy(n => graph.Contains(n) ? graph.IndexOf(n) : int.MaxValue).ThenBy(n => n, StringComparer.Ordinal).ToList();
        var order = new StageGraph(names, n => upstream[n].Where(selected.Contains));
        var targetSet = targets.ToHashSet(StringComparer.Ordinal);

        var stages = order.TopologicalOrder().Reverse().Select(i => order.Names[i]).Select(name =>
        {
            var record = state.Stages[name];
            var reason = targets.Count == 0 || targetSet.Contains(name)
                ? "destroy requested"
                : $"consumes {string.Join(", ", upstream[name].Where(selected.Contains))}, which {(upstream[name].Count(selected.Contains) == 1 ? "is" : "are")} being destroyed";
            return new PlannedStage(name, record.Kind, StageAction.Destroy, [reason], null, upstream[name], [], project.FindStage(name), record);
        }).ToList();
        var plan = new Plan(project.Name, environment, stages, targets.Count > 0);
        ProtectedStages.RefuseDestroy(plan, force);
        return plan;
    }

    private static List<string> UpstreamOf(StageRecord record, StageGraph graph) =>
        (graph.Contains(record.Name) ? graph.UpstreamOf(record.Name) : []).Union(record.DependsOn, StringComparer.Ordinal).ToList();

    private static HashSet<string> Consumers(IReadOnlyList<string> targets, Dictionary<string, List<string>> upstream)
    {
        var selected = targets.ToHashSet(StringComparer.Ordinal);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, ups) in upstream)
            {
                if (!selected.Contains(name) && ups.Any(selected.Contains))
                {
                    selected.Add(name);
                    changed = true;
                }
            }
        }

        return selected;
    }
}

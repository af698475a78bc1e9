namespace Stagecraft.Core.Planning;

/// <summary>Which stages a targeted command covers, and the refusal when a dependency left out is out of date.</summary>
internal static class StageSelection
{
    public static HashSet<int> Select(ProjectDefinition project, StageGraph graph, StateSnapshot state, PlanOptions options)
    {
        var unknown = options.Targets.Concat(options.Force).Where(n => !graph.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var inStateOnly = unknown.Where(n => state.Find(n) is not null).ToList();
            var hint = inStateOnly.Count > 0
                ? $"{string.Join(", ", inStateOnly)} is no longer in {project.FilePath}; a full 'deploy' destroys it, or 'destroy {inStateOnly[0]}'"
                : DidYouMean.Hint(unknown[0], graph.Names, "stages");
            throw new InvalidInputException($"unknown stage{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))}", hint);
        }

        if (options.Targets.Count == 0)
        {
            return Enumerable.Range(0, graph.Count).ToHashSet();
        }

        // Dependents first: they are the targets' consumers (not the consumers of the targets'
        // dependencies); then dependencies, of the targets and of the consumers taken along.
        var selected = options.Targets.Select(graph.IndexOf).ToHashSet();
        if (options.IncludeDependents)
        {
            selected = graph.WithDownstream(selected);
        }

        if (options.IncludeDependencies)
        {
            selected = graph.WithUpstream(selected);
        }

        return selected;
    }

    public static void RefuseStaleDependencies(StageGraph graph, HashSet<int> selected, IReadOnlyDictionary<int, PlannedStage> planned)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var index in graph.TopologicalOrder().Where(selected.Contains))
        {
            var stale = graph.WithUpstream([index]).Where(u => !selected.Contains(u) && planned[u].Action != StageAction.NoChange)
                .OrderBy(u => u).Select(u => planned[u]).ToList();
            if (stale.Count > 0)
            {
                var names = string.Join("; ", stale.Select(s => $"{s.Name} ({ActionText.Of(s.Action)}: {string.Join(", ", s.Reasons)})"));
                diagnostics.Add(planned[index].Definition!.Location,
                    $"cannot deploy '{graph.Names[index]}' on its own: {(stale.Count == 1 ? "its dependency is" : "dependencies are")} out of date: {names}",
                    "deploy them too with --include-dependencies, or name them on the command line");
            }
        }

        diagnostics.ThrowIfAny();
    }
}

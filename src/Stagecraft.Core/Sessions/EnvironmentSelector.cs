namespace Stagecraft.Core.Sessions;

/// <summary>Picks the environment a command works on and checks its stages can run on its target.</summary>
public static class EnvironmentSelector
{
    public static EnvironmentDefinition Select(ProjectDefinition project, string? name)
    {
        if (name is null)
        {
            return project.Environments.Count == 1
                ? project.Environments[0]
                : throw new InvalidInputException($"{project.FilePath} declares {project.Environments.Count} environments; choose one",
                    $"add -e ENV, one of: {string.Join(", ", project.Environments.Select(e => e.Name))}");
        }

        return project.FindEnvironment(name)
            ?? throw new InvalidInputException($"unknown environment '{name}' in {project.FilePath}",
                DidYouMean.Hint(name, project.Environments.Select(e => e.Name).ToList(), "environments"));
    }

    public static void CheckKinds(ProjectDefinition project, EnvironmentDefinition environment, Catalog catalog)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var stage in project.Stages.Where(s => s.ExistsIn(environment.Name)))
        {
            var targets = catalog.FindKind(stage.Kind)?.Targets;
            if (targets is not null && !targets.Contains(environment.Target))
            {
                diagnostics.Add(stage.KindLocation, $"stage '{stage.Name}' (kind {stage.Kind}) cannot run on target '{environment.Target}' of environment '{environment.Name}'",
                    $"kind {stage.Kind} runs on: {string.Join(", ", targets)}");
            }
        }

        diagnostics.ThrowIfAny();
    }

    /// <summary>Top-level variables with the environment's overrides applied.</summary>
    public static IReadOnlyDictionary<string, VariableDefinition> EffectiveVariables(ProjectDefinition project, EnvironmentDefinition environment)
    {
        var variables = new Dictionary<string, VariableDefinition>(project.Variables, StringComparer.Ordinal);
        foreach (var (name, value) in environment.Variables)
        {
            variables[name] = value;
        }

        return variables;
    }
}

namespace Stagecraft.Core.Config;

/// <summary>Reads a 'variables' mapping (top level or an environment's overrides).</summary>
internal static class VariableReader
{
    public static Dictionary<string, VariableDefinition> Read(ConfigMap? map, string owner, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, VariableDefinition>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            if (!Names.IsVariable(entry.Key))
            {
                diagnostics.Add(entry.KeyLocation, $"invalid variable name '{entry.Key}' in {owner}", $"use {Names.VariableRule}");
                continue;
            }

            if (entry.Value is not ConfigScalar scalar)
            {
                diagnostics.Add(entry.Value.Location, $"variable '{entry.Key}' must be a string, number or boolean, not {entry.Value.Describe()}",
                    "variables hold single values; put lists and mappings in the stage that uses them");
                continue;
            }

            var template = TemplateParser.Parse(scalar, diagnostics);
            foreach (var reference in template.References)
            {
                if (reference.Kind == ReferenceKind.StageOutput)
                {
                    diagnostics.Add(reference.Location, $"variable '{entry.Key}' cannot use a stage output ('{reference.Text}')",
                        "variables are known before any stage runs; use the output directly in the stage that needs it");
                }
                else if (reference.Kind == ReferenceKind.StageDir)
                {
                    diagnostics.Add(reference.Location, "${stage.dir} is only available inside a stage", "use it in a stage's settings, not in variables");
                }
            }

            result[entry.Key] = new VariableDefinition(entry.Key, entry.KeyLocation, template);
        }

        return result;
    }

    /// <summary>Unknown names and cycles among variables (a: ${var.b}, b: ${var.a}).</summary>
    public static void CheckReferences(IReadOnlyDictionary<string, VariableDefinition> variables, DiagnosticBag diagnostics)
    {
        foreach (var variable in variables.Values)
        {
            foreach (var reference in variable.Value.References.Where(r => r.Kind == ReferenceKind.Variable))
            {
                if (!variables.ContainsKey(reference.Name))
                {
                    diagnostics.Add(reference.Location, $"unknown variable '{reference.Name}'", DidYouMean.Hint(reference.Name, variables.Keys.ToList(), "variables"));
                }
            }
        }

        CheckCycles(variables, null, diagnostics);
    }

    /// <summary>
    /// Cycles among an environment's effective variables (top-level ones with its overrides): an
    /// override can close a loop the top level does not have. Only loops through an override are
    /// reported here; the others were reported for the top level.
    /// </summary>
    public static void CheckOverrideCycles(IReadOnlyDictionary<string, VariableDefinition> declared, EnvironmentDefinition environment, DiagnosticBag diagnostics)
    {
        if (environment.Variables.Count == 0)
        {
            return;
        }

        var effective = new Dictionary<string, VariableDefinition>(declared, StringComparer.Ordinal);
        foreach (var (name, value) in environment.Variables)
        {
            effective[name] = value;
        }

        CheckCycles(effective, environment, diagnostics);
    }

    private static void CheckCycles(IReadOnlyDictionary<string, VariableDefinition> variables, EnvironmentDefinition? environment, DiagnosticBag diagnostics)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var name in variables.Keys.Order(StringComparer.Ordinal))
        {
            if (FindCycle(name, variables, state, path) is not { } cycle)
            {
                continue;
            }

            if (environment is null)
            {
                diagnostics.Add(variables[cycle[0]].Location, $"variables refer to each other in a cycle: {string.Join(" -> ", cycle)}", "break the cycle by giving one of them a plain value");
                return;
            }

            if (cycle.FirstOrDefault(environment.Variables.ContainsKey) is { } overridden)
            {
                var start = cycle.IndexOf(overridden);
                var loop = cycle.Skip(start).Concat(cycle.Skip(1).Take(start)).ToList();
                diagnostics.Add(environment.Variables[overridden].Location, $"variables of environment '{environment.Name}' refer to each other in a cycle: {string.Join(" -> ", loop)}",
                    "break the cycle by giving one of them a plain value");
                return;
            }
        }
    }

    private static List<string>? FindCycle(string name, IReadOnlyDictionary<string, VariableDefinition> variables, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(name, out var mark))
        {
            return mark == 1 ? [.. path.SkipWhile(p => p != name), name] : null;
        }

        state[name] = 1;
        path.Add(name);
        foreach (var next in variables[name].Value.References.Where(r => r.Kind == ReferenceKind.Variable && variables.ContainsKey(r.Name)).Select(r => r.Name))
        {
            if (FindCycle(next, variables, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[name] = 2;
        return null;
    }
}

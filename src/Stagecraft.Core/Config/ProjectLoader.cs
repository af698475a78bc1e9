namespace Stagecraft.Core.Config;

/// <summary>
/// Loads and validates a project file. Every problem found is reported at once with its
/// file:line:column and a hint; nothing on disk is touched.
/// </summary>
public static class ProjectLoader
{
    private static readonly string[] TopLevelKeys = ["project", "description", "variables", "environments", "stages", "allow_absolute_paths", "notify"];

    public static ProjectDefinition Load(string path, Catalog catalog)
    {
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "stagecraft.yml");
        }

        if (!File.Exists(path))
        {
            throw new InvalidInputException($"no project file at '{path}'", "pass one with -f FILE, or create one with: stagecraft init");
        }

        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), path, Path.GetDirectoryName(fullPath)!, catalog);
    }

    public static ProjectDefinition Parse(string text, string fileName, string directory, Catalog catalog)
    {
        var diagnostics = new DiagnosticBag();
        var fileStart = new SourceLocation(fileName, 1, 1);
        var root = YamlDocumentReader.Read(text, fileName);
        if (root is not ConfigMap map)
        {
            throw new InvalidInputException([new Diagnostic(root.Location.Line > 0 ? root.Location : fileStart,
                "the project file must be a mapping with 'project', 'environments' and 'stages'", "see: stagecraft init")]);
        }

        var top = new MapReader(map, "the project file", diagnostics);
        top.RejectUnknownKeys(TopLevelKeys);

        var nameScalar = top.Scalar("project", required: true);
        if (nameScalar is not null && !Names.IsProject(nameScalar.Text))
        {
            diagnostics.Add(nameScalar.TextLocation, $"invalid project name '{nameScalar.Text}'", $"use {Names.ProjectRule}");
        }

        var variables = VariableReader.Read(top.Mapping("variables"), "'variables'", diagnostics);
        VariableReader.CheckReferences(variables, diagnostics);
        var environments = EnvironmentReader.Read(map.Find("environments"), variables, catalog, fileStart, diagnostics);
        foreach (var environment in environments)
        {
            CheckOverrideReferences(environment, variables, diagnostics);
            VariableReader.CheckOverrideCycles(variables, environment, diagnostics);
        }

        var stages = StageReader.Read(map.Find("stages"), catalog, fileStart, diagnostics);
        CheckStageReferences(stages, variables, catalog, diagnostics);
        OnlyInCheck.Check(stages, environments, diagnostics);

        var project = new ProjectDefinition(nameScalar?.Text ?? "", fileName, directory, top.Scalar("description")?.Text,
            variables, environments, stages, top.Boolean("allow_absolute_paths", false))
        {
            Notify = NotifyReader.Read(map.Find("notify"), "the project file", diagnostics),
        };

        // Cycles are checked whatever else is wrong (edges to unknown stages are simply absent), so
        // one pass shows every problem; kinds' own checks assume an otherwise valid file.
        CheckCycles(stages, diagnostics);
        if (!diagnostics.HasErrors)
        {
            var context = new KindValidationContext(project, diagnostics);
            foreach (var stage in stages)
            {
                catalog.FindKind(stage.Kind)?.Validate(stage, context);
            }
        }

        diagnostics.ThrowIfAny();
        return project;
    }

    private static void CheckOverrideReferences(EnvironmentDefinition environment, IReadOnlyDictionary<string, VariableDefinition> declared, DiagnosticBag diagnostics)
    {
        foreach (var reference in environment.Variables.Values.SelectMany(v => v.Value.References).Where(r => r.Kind == ReferenceKind.Variable))
        {
            if (!declared.ContainsKey(reference.Name))
            {
                diagnostics.Add(reference.Location, $"unknown variable '{reference.Name}'", DidYouMean.Hint(reference.Name, declared.Keys.ToList(), "variables"));
            }
        }
    }

    private static void CheckStageReferences(List<StageDefinition> stages, IReadOnlyDictionary<string, VariableDefinition> variables, Catalog catalog, DiagnosticBag diagnostics)
    {
        var byName = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            // A stage never depends on itself, so its own name is no suggestion for a typo inside it.
            var names = byName.Keys.Where(n => n != stage.Name).ToList();
            foreach (var dependency in stage.Dependencies.Where(d => d.Explicit))
            {
                if (dependency.Stage == stage.Name)
                {
                    diagnostics.Add(dependency.Location, $"stage '{stage.Name}' depends on itself", "remove it from its own depends_on");
                }
                else if (!byName.ContainsKey(dependency.Stage))
                {
                    diagnostics.Add(dependency.Location, $"stage '{stage.Name}' depends on unknown stage '{dependency.Stage}'", OtherStageHint(dependency.Stage, names));
                }
            }

            foreach (var reference in stage.References)
            {
                switch (reference.Kind)
                {
                    case ReferenceKind.Variable when !variables.ContainsKey(reference.Name):
                        diagnostics.Add(reference.Location, $"unknown variable '{reference.Name}' in stage '{stage.Name}'", DidYouMean.Hint(reference.Name, variables.Keys.ToList(), "variables"));
                        break;
                    case ReferenceKind.StageOutput when reference.Name == stage.Name:
                        diagnostics.Add(reference.Location, $"stage '{stage.Name}' refers to its own output '{reference.Key}'", "a stage cannot consume what it has not produced yet");
                        break;
                    case ReferenceKind.StageOutput when !byName.ContainsKey(reference.Name):
                        diagnostics.Add(reference.Location, $"'{reference.Text}' refers to unknown stage '{reference.Name}'", OtherStageHint(reference.Name, names));
                        break;
                    case ReferenceKind.StageOutput:
                        var known = catalog.FindKind(byName[reference.Name].Kind)?.KnownOutputs;
                        var declared = byName[reference.Name].Outputs.Entries.Select(e => e.Key);
                        if (known is not null && !known.Concat(declared).Contains(reference.Key))
                        {
                            diagnostics.Add(reference.Location, $"stage '{reference.Name}' has no output '{reference.Key}'", DidYouMean.Hint(reference.Key!, known.Concat(declared).ToList(), "outputs"));
                        }

                        break;
                }
            }
        }
    }

    private static string OtherStageHint(string given, IReadOnlyCollection<string> others) =>
        others.Count == 0 ? $"this is the only stage; add a stage '{given}' or remove the reference" : DidYouMean.Hint(given, others, "stages");

    private static void CheckCycles(List<StageDefinition> stages, DiagnosticBag diagnostics)
    {
        var graph = StageGraph.From(stages);
        // A stage naming itself (depends_on or its own output) is already reported as such.
        foreach (var cycle in graph.FindCycles().Where(c => c.Count > 2))
        {
            var first = stages.First(s => s.Name == cycle[0]);
            var edge = first.Dependencies.FirstOrDefault(d => d.Stage == cycle[1]);
            diagnostics.Add(edge?.Location ?? first.Location, $"dependency cycle: {string.Join(" -> ", cycle)}",
                "each arrow reads 'depends on'; remove one of these dependencies (a depends_on entry or a ${stages…} reference)");
        }
    }
}

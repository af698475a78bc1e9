namespace Stagecraft.Core.Config;

/// <summary>Reads 'stages': the shared keys, the kind's own settings, and every reference written in them.</summary>
internal static class StageReader
{
    public static readonly string[] CommonKeys = ["kind", "description", "depends_on", "protect", "inputs", "outputs", "only_in"];

    public static List<StageDefinition> Read(ConfigEntry? section, Catalog catalog, SourceLocation fileStart, DiagnosticBag diagnostics)
    {
        var stages = new List<StageDefinition>();
        if (section is null)
        {
            diagnostics.Add(fileStart, "the project file has no 'stages'", "add a 'stages:' mapping with at least one stage");
            return stages;
        }

        var map = MapReader.For(section.Value, "'stages'", diagnostics, section.KeyLocation)?.Map;
        if (map is null)
        {
            return stages;
        }

        foreach (var entry in map.Entries)
        {
            if (!Names.IsStage(entry.Key))
            {
                diagnostics.Add(entry.KeyLocation, $"invalid stage name '{entry.Key}'", $"use {Names.StageRule}");
                continue;
            }

            if (ReadStage(entry, catalog, diagnostics) is { } stage)
            {
                stages.Add(stage);
            }
        }

        return stages;
    }

    private static StageDefinition? ReadStage(ConfigEntry entry, Catalog catalog, DiagnosticBag diagnostics)
    {
        var owner = $"stage '{entry.Key}'";
        var reader = MapReader.For(entry.Value, owner, diagnostics, entry.KeyLocation);
        if (reader is null)
        {
            return null;
        }

        var kindScalar = reader.Scalar("kind", required: true);
        var kind = kindScalar is null ? null : catalog.FindKind(kindScalar.Text);
        if (kindScalar is not null && kind is null)
        {
            diagnostics.Add(kindScalar.TextLocation, $"unknown kind '{kindScalar.Text}' in {owner}", DidYouMean.Hint(kindScalar.Text, catalog.KindNames, "kinds"));
        }

        var settings = new ConfigMap(reader.Map.Entries.Where(e => !CommonKeys.Contains(e.Key)).ToList(), reader.Map.Location);
        if (kind is not null)
        {
            SchemaValidator.Validate(settings, kind.Schema, owner, CommonKeys, diagnostics, entry.KeyLocation);
        }
        else
        {
            reader.RejectKeysNoSchemaKnows(CommonKeys, catalog.Kinds.Select(k => k.Schema), "kind");
        }

        var inputs = ScalarItems(reader.List("inputs"), $"'inputs' of {owner}", diagnostics);
        foreach (var input in inputs.Where(i => !i.Text.Contains('$', StringComparison.Ordinal)))
        {
            if (InputFiles.Problem(input.Text) is { } problem)
            {
                diagnostics.Add(input.TextLocation, problem, InputFiles.PatternHint);
            }
        }

        var outputs = reader.Mapping("outputs") ?? ConfigMap.Empty(reader.Map.Location);
        foreach (var output in outputs.Entries)
        {
            if (!Names.IsVariable(output.Key))
            {
                diagnostics.Add(output.KeyLocation, $"invalid output name '{output.Key}' in {owner}", $"use {Names.VariableRule}");
            }

            if (output.Value is not ConfigScalar)
            {
                diagnostics.Add(output.Value.Location, $"output '{output.Key}' of {owner} must be a single value, not {output.Value.Describe()}", "write it as 'name: value'; a value may use ${…} references");
            }
        }

        var references = new List<Reference>();
        Collect(settings, references, diagnostics);
        Collect(outputs, references, diagnostics);
        foreach (var input in inputs)
        {
            Collect(input, references, diagnostics);
        }

        var dependencies = ScalarItems(reader.List("depends_on", allowSingle: true), $"'depends_on' of {owner}", diagnostics)
            .Select(s => new StageDependency(s.Text, s.TextLocation, Explicit: true))
            .Concat(references.Where(r => r.Kind == ReferenceKind.StageOutput).Select(r => new StageDependency(r.Name, r.Location, Explicit: false)))
            .ToList();

        var onlyIn = reader.List("only_in", allowSingle: true) is { } onlyInList
            ? ScalarItems(onlyInList, $"'only_in' of {owner}", diagnostics)
            : null;
        if (onlyIn is { Count: 0 })
        {
            diagnostics.Add(reader.Map.Find("only_in")!.Value.Location, $"'only_in' of {owner} is empty: the stage would exist nowhere", "list the environments it exists in, or remove 'only_in'");
        }

        return new StageDefinition(entry.Key, entry.KeyLocation, kindScalar?.Text ?? "", kindScalar?.TextLocation ?? entry.KeyLocation,
            dependencies, reader.Boolean("protect", false), reader.Scalar("description")?.Text, inputs, outputs, settings, references)
        {
            OnlyIn = onlyIn,
        };
    }

    private static List<ConfigScalar> ScalarItems(ConfigList? list, string owner, DiagnosticBag diagnostics)
    {
        var items = new List<ConfigScalar>();
        foreach (var item in list?.Items ?? [])
        {
            if (item is ConfigScalar { IsNull: false } scalar)
            {
                items.Add(scalar);
            }
            else
            {
                diagnostics.Add(item.Location, $"every item of {owner} must be a single value, not {item.Describe()}", "write the items as [a, b] or as lines starting with '- ', one name or pattern each");
            }
        }

        return items;
    }

    private static void Collect(ConfigNode node, List<Reference> references, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case ConfigScalar scalar when scalar.Text.Contains('$', StringComparison.Ordinal):
                references.AddRange(TemplateParser.Parse(scalar, diagnostics).References);
                break;
            case ConfigList list:
                list.Items.ToList().ForEach(i => Collect(i, references, diagnostics));
                break;
            case ConfigMap map:
                map.Entries.ToList().ForEach(e => Collect(e.Value, references, diagnostics));
                break;
        }
    }
}

namespace Stagecraft.Core.Config;

/// <summary>Reads 'environments': target, overrides of declared variables, and state backend.</summary>
internal static class EnvironmentReader
{
    private static readonly string[] CommonKeys = ["target", "description", "variables", "state", "refresh", "notify", "approval"];

    public static List<EnvironmentDefinition> Read(
        ConfigEntry? section,
        IReadOnlyDictionary<string, VariableDefinition> declared,
        Catalog catalog,
        SourceLocation fileStart,
        DiagnosticBag diagnostics)
    {
        var environments = new List<EnvironmentDefinition>();
        if (section is null)
        {
            // No environments written: one implicit 'local' environment on this machine.
            environments.Add(new EnvironmentDefinition("local", fileStart, TargetKind.Local, ConfigMap.Empty(fileStart),
                new Dictionary<string, VariableDefinition>(), StateSettings.Default(fileStart), null));
            return environments;
        }

        var map = MapReader.For(section.Value, "'environments'", diagnostics, section.KeyLocation)?.Map;
        if (map is null)
        {
            return environments;
        }

        if (map.Entries.Count == 0)
        {
            diagnostics.Add(section.KeyLocation, "'environments' is empty", "declare at least one, e.g. local: { target: local }");
        }

        foreach (var entry in map.Entries)
        {
            if (!Names.IsProject(entry.Key))
            {
                diagnostics.Add(entry.KeyLocation, $"invalid environment name '{entry.Key}'", $"use {Names.ProjectRule}");
                continue;
            }

            if (Read(entry, declared, catalog, diagnostics) is { } environment)
            {
                environments.Add(environment);
            }
        }

        return environments;
    }

    private static EnvironmentDefinition? Read(ConfigEntry entry, IReadOnlyDictionary<string, VariableDefinition> declared, Catalog catalog, DiagnosticBag diagnostics)
    {
        var owner = $"environment '{entry.Key}'";
        var reader = MapReader.For(entry.Value, owner, diagnostics, entry.KeyLocation);
        if (reader is null)
        {
            return null;
        }

        var targetScalar = reader.Scalar("target", required: true);
        var target = targetScalar is null ? null : catalog.FindTarget(targetScalar.Text);
        if (targetScalar is not null && target is null)
        {
            diagnostics.Add(targetScalar.Location, $"unknown target '{targetScalar.Text}' in {owner}", DidYouMean.Hint(targetScalar.Text, catalog.TargetNames, "targets"));
        }

        // The target's schema checks the keys beside the common ones (unknown keys once, with the common
        // keys as suggestions); with a missing or unknown target, keys no target takes are still reported.
        var targetSettings = new ConfigMap(reader.Map.Entries.Where(e => !CommonKeys.Contains(e.Key)).ToList(), reader.Map.Location);
        if (target is not null)
        {
            SchemaValidator.Validate(targetSettings, target.Settings, owner, CommonKeys, diagnostics, entry.KeyLocation);
        }
        else
        {
            reader.RejectKeysNoSchemaKnows(CommonKeys, catalog.Targets.Select(t => t.Settings), "target");
        }

        var overrides = VariableReader.Read(reader.Mapping("variables"), owner, diagnostics);
        foreach (var variable in overrides.Values.Where(v => !declared.ContainsKey(v.Name)))
        {
            diagnostics.Add(variable.Location, $"{owner} overrides variable '{variable.Name}', which is not declared",
                $"{DidYouMean.Hint(variable.Name, declared.Keys.ToList(), "variables")}; declare it under the top-level 'variables' first");
        }

        var environment = new EnvironmentDefinition(entry.Key, entry.KeyLocation, targetScalar?.Text ?? "", targetSettings, overrides,
            ReadState(reader, owner, catalog, diagnostics), reader.Scalar("description")?.Text)
        {
            Refresh = reader.Boolean("refresh", false),
            Notify = NotifyReader.Read(reader.Map.Find("notify"), owner, diagnostics),
            Approval = reader.Boolean("approval", false),
        };
        target?.Validate(environment, diagnostics);
        return environment;
    }

    private static StateSettings ReadState(MapReader environment, string owner, Catalog catalog, DiagnosticBag diagnostics)
    {
        var stateEntry = environment.Map.Find("state");
        var reader = MapReader.For(stateEntry?.Value, $"'state' of {owner}", diagnostics, stateEntry?.KeyLocation ?? environment.Map.Location);
        if (stateEntry is null || reader is null)
        {
            return StateSettings.Default(environment.Map.Location);
        }

        var backendScalar = reader.Scalar("backend");
        var backendName = backendScalar?.Text ?? StateSettings.DefaultBackend;
        var backend = catalog.FindBackend(backendName);
        if (backend is null)
        {
            diagnostics.Add(backendScalar?.Location ?? stateEntry.KeyLocation, $"unknown state backend '{backendName}' in {owner}", DidYouMean.Hint(backendName, catalog.BackendNames, "backends"));
        }

        var settings = new ConfigMap(reader.Map.Entries.Where(e => e.Key != "backend").ToList(), reader.Map.Location);
        if (backend is not null)
        {
            SchemaValidator.Validate(settings, backend.Schema, $"'state' of {owner}", ["backend"], diagnostics);
        }

        foreach (var scalar in settings.Entries.Select(e => e.Value).OfType<ConfigScalar>())
        {
            foreach (var reference in TemplateParser.Parse(scalar, diagnostics).References.Where(r => r.Kind is ReferenceKind.StageOutput or ReferenceKind.StageDir))
            {
                diagnostics.Add(reference.Location, $"'{reference.Text}' cannot be used in state settings", "state settings may use variables, ${environment}, ${project} and ${os:NAME}");
            }
        }

        return new StateSettings(backendName, settings, stateEntry.KeyLocation);
    }
}

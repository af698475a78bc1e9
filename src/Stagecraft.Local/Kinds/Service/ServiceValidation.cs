namespace Stagecraft.Local.Kinds.Service;

/// <summary>Offline checks of a service stage beyond its schema: env names, the listen address, the shape of hooks.</summary>
internal static class ServiceValidation
{
    private static readonly string[] HookKeys = ["location", "timeout", "runas"];

    public static void Validate(StageDefinition stage, KindValidationContext context)
    {
        var diagnostics = context.Diagnostics;
        if (stage.Settings[ServiceSchema.Env] is ConfigMap env)
        {
            foreach (var entry in env.Entries.Where(e => e.Key == "PORT" || e.Key.StartsWith("STAGECRAFT_", StringComparison.Ordinal)))
            {
                diagnostics.Add(entry.KeyLocation, $"'{entry.Key}' in 'env' of stage '{stage.Name}' is set by the agent for each instance", "choose another name");
            }
        }

        if (stage.Settings[ServiceSchema.Listen] is ConfigScalar { Text: var listen } scalar && !listen.Contains("${", StringComparison.Ordinal)
            && !ListenAddress.TryParse(listen, out _, out var error))
        {
            diagnostics.Add(scalar.TextLocation, $"'listen' of stage '{stage.Name}': {error}", "write host:port, e.g. 127.0.0.1:8080 or :8080");
        }

        if (stage.Settings[ServiceSchema.Rollout] is ConfigMap rollout)
        {
            RolloutSettings.Validate(rollout, stage.Name, diagnostics);
        }

        if (stage.Settings[ServiceSchema.Hooks] is not ConfigMap hooks)
        {
            return;
        }

        foreach (var entry in hooks.Entries)
        {
            if (entry.Value is not ConfigList list)
            {
                diagnostics.Add(entry.Value.Location, $"hooks.{entry.Key} of stage '{stage.Name}' must be a list of {{ location, timeout, runas }}", "write each step as '- location: script.sh'");
                continue;
            }

            foreach (var item in list.Items)
            {
                if (item is not ConfigMap step)
                {
                    diagnostics.Add(item.Location, $"every item of hooks.{entry.Key} must be a mapping {{ location, timeout, runas }}", "write each step as '- location: script.sh'");
                    continue;
                }

                if (step.Find("location") is null)
                {
                    diagnostics.Add(step.Location, $"a hook under hooks.{entry.Key} has no 'location'", "location: the script to run, relative to the project");
                }

                foreach (var unknown in step.Entries.Where(e => !HookKeys.Contains(e.Key)))
                {
                    diagnostics.Add(unknown.KeyLocation, $"unknown key '{unknown.Key}' in a hook under hooks.{entry.Key}", "a hook has location, timeout and runas");
                }
            }
        }
    }
}

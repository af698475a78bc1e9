namespace Stagecraft.Local.Kinds.Parameters;

/// <summary>
/// Publishes values (usually other stages' outputs) to the target's parameter store under a path:
/// path + key for each entry of 'values'. Keys it published before but no longer lists are removed;
/// values from secrets, or listed in 'secure', are stored encrypted. Outputs: 'path' and, per key,
/// the full parameter name.
/// </summary>
public sealed class ParametersKind : StageKind, IDriftCheck
{
    public override string Name => "parameters";

    public override string Version => "1";

    public override string Summary => "publishes values to the parameter store (SSM on AWS, a local store on this machine)";

    public override KindSchema Schema { get; } = new(
        new FieldSpec("path", FieldType.String, "the prefix the values are published under; absolute, ending with '/', e.g. /myapp/dev/common/", Required: true),
        new FieldSpec("values", FieldType.StringMap, "parameter names (relative to path) and their values", Required: true),
        new FieldSpec("secure", FieldType.StringList, "keys stored encrypted (SecureString); values from secrets always are"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (KindSettingsText.Literal(stage, "path") is { } path && (!path.Text.StartsWith('/') || !path.Text.EndsWith('/')))
        {
            context.Diagnostics.Add(path.TextLocation, $"'path' is '{path.Text}', which is not an absolute prefix ending with '/'", "write e.g. path: /${project}/${environment}/common/");
        }

        if (stage.Settings["values"] is ConfigMap values && stage.Settings["secure"] is ConfigList secure)
        {
            var keys = values.Entries.Select(e => e.Key).ToList();
            foreach (var item in secure.Items.OfType<ConfigScalar>().Where(i => !keys.Contains(i.Text, StringComparer.Ordinal)))
            {
                context.Diagnostics.Add(item.TextLocation, $"'secure' names '{item.Text}', which is not a key of 'values'", DidYouMean.Hint(item.Text, keys, "keys"));
            }
        }
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var store = context.Require<IParameterStore>();
        var wanted = ParameterSet.From(context.Settings);
        var published = await PublishedNames.ReadAsync(context, cancellationToken).ConfigureAwait(false);

        // Remember the union first: a crash half-way must not lose track of anything already written.
        await PublishedNames.WriteAsync(context, published.Union(wanted.Names), cancellationToken).ConfigureAwait(false);
        foreach (var entry in wanted.Entries.Where(e => e.Secure))
        {
            // Secure only by being listed under 'secure': the rest of the run must mask it like a secret.
            context.Masker.Add(entry.Value);
        }

        foreach (var entry in wanted.Entries)
        {
            var existing = await store.GetAsync(entry.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.Value == entry.Value && existing.Secure == entry.Secure)
            {
                context.Log.Line($"unchanged {entry.Name}");
                continue;
            }

            if (await store.PutAsync(entry.Name, entry.Value, entry.Secure, cancellationToken).ConfigureAwait(false) is { } notice)
            {
                context.Log.Line("notice: " + notice);
            }

            context.Log.Line($"{(existing is null ? "created" : "updated")} {entry.Name} = {(entry.Secure ? "**** (secure)" : entry.Value)}");
        }

        foreach (var stale in published.Except(wanted.Names, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var removed = await store.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
            context.Log.Line(removed ? $"removed {stale} (no longer listed)" : $"{stale} was already gone");
        }

        await PublishedNames.WriteAsync(context, wanted.Names, cancellationToken).ConfigureAwait(false);
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal) { ["path"] = new(wanted.Path) };
        foreach (var entry in wanted.Entries)
        {
            outputs[entry.Key] = new OutputValue(entry.Name);
        }

        return StageOutcome.Done(outputs);
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var store = context.Require<IParameterStore>();
        var published = await PublishedNames.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (published.Count == 0 && context.Settings.Has("path"))
        {
            // State lost its record of what was published: fall back to what the settings name.
            published = [.. ParameterSet.From(context.Settings).Names];
        }

        foreach (var name in published.Order(StringComparer.Ordinal))
        {
            var removed = await store.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
            context.Log.Line(removed ? $"removed {name}" : $"{name} was already gone");
        }

        await PublishedNames.WriteAsync(context, [], cancellationToken).ConfigureAwait(false);
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) => ParametersDrift.CheckAsync(context, cancellationToken);

    internal static StagecraftException Invalid(string message, string? hint = null) => new(message, ExitCodes.InvalidInput, hint);
}

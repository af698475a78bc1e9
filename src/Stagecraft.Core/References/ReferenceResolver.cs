namespace Stagecraft.Core.References;

/// <summary>
/// Replaces references in settings with values. Problems (a missing output, an unset
/// environment variable) are collected with their locations; <see cref="ThrowIfErrors"/> reports them.
/// Upstream outputs that are not known yet resolve to a placeholder and mark the trace pending.
/// </summary>
public sealed class ReferenceResolver(ResolutionScope scope)
{
    private readonly DiagnosticBag _diagnostics = new();

    public ResolutionTrace Trace { get; } = new();

    public bool HasErrors => _diagnostics.HasErrors;

    public IReadOnlyList<Diagnostic> Errors => _diagnostics.Items;

    public void ThrowIfErrors() => _diagnostics.ThrowIfAny();

    public static string PendingPlaceholder(string stage) => $"(known after {stage} deploys)";

    public async ValueTask<ResolvedNode> ResolveAsync(ConfigNode node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case ConfigScalar scalar:
                return await ResolveScalarAsync(scalar, cancellationToken).ConfigureAwait(false);
            case ConfigList list:
                var items = new List<ResolvedNode>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    items.Add(await ResolveAsync(item, cancellationToken).ConfigureAwait(false));
                }

                return new ResolvedList(items, list.Location);
            case ConfigMap map:
                var entries = new List<KeyValuePair<string, ResolvedNode>>(map.Entries.Count);
                foreach (var entry in map.Entries)
                {
                    entries.Add(new(entry.Key, await ResolveAsync(entry.Value, cancellationToken).ConfigureAwait(false)));
                }

                return new ResolvedMap(entries, map.Location);
            default:
                throw new InvalidOperationException("unknown node type " + node.GetType().Name);
        }
    }

    public async ValueTask<ResolvedScalar> ResolveScalarAsync(ConfigScalar scalar, CancellationToken cancellationToken)
    {
        if (!scalar.Text.Contains('$', StringComparison.Ordinal))
        {
            return new ResolvedScalar(scalar.Text, false, scalar.TextLocation);
        }

        var template = TemplateParser.Parse(scalar, _diagnostics);
        return await ResolveTemplateAsync(template, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ResolvedScalar> ResolveTemplateAsync(Template template, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var sensitive = false;
        foreach (var segment in template.Segments)
        {
            if (segment is LiteralSegment literal)
            {
                text.Append(literal.Text);
                continue;
            }

            var reference = ((ReferenceSegment)segment).Reference;
            var value = await ResolveReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
            text.Append(value.Value);
            sensitive |= value.Sensitive;
        }

        return new ResolvedScalar(text.ToString(), sensitive, template.Source.TextLocation);
    }

    private async ValueTask<TracedValue> ResolveReferenceAsync(Reference reference, CancellationToken cancellationToken)
    {
        var value = reference.Kind switch
        {
            ReferenceKind.Environment => new TracedValue(scope.Environment, false),
            ReferenceKind.Project => new TracedValue(scope.Project, false),
            ReferenceKind.StageDir => StageDirectory(reference),
            ReferenceKind.Variable => await VariableAsync(reference, cancellationToken).ConfigureAwait(false),
            ReferenceKind.StageOutput => Output(reference),
            ReferenceKind.Region when scope.StageRegion is { } region => new TracedValue(region, false),
            _ => await ExternalAsync(reference, cancellationToken).ConfigureAwait(false),
        };

        // The stage directory is a machine path, and a pending output has no value yet: neither explains a change.
        var untraced = reference.Kind == ReferenceKind.StageDir
            || (reference.Kind == ReferenceKind.StageOutput && Trace.PendingReferences.Contains(reference.Id));
        if (!untraced)
        {
            Trace.Record(reference.Id, value);
        }

        return value;
    }

    private TracedValue StageDirectory(Reference reference)
    {
        if (scope.StageDirectory is null)
        {
            _diagnostics.Add(reference.Location, "${stage.dir} is only available inside a stage", "use it in a stage's settings, not in variables or environments");
            return new TracedValue("", false);
        }

        return new TracedValue(scope.StageDirectory, false);
    }

    private async ValueTask<TracedValue> VariableAsync(Reference reference, CancellationToken cancellationToken)
    {
        if (scope.VariableCache.Values.TryGetValue(reference.Name, out var cached))
        {
            return new TracedValue(cached.Value, cached.Sensitive);
        }

        if (!scope.Variables.TryGetValue(reference.Name, out var definition))
        {
            _diagnostics.Add(reference.Location, $"unknown variable '{reference.Name}'", DidYouMean.Hint(reference.Name, scope.Variables.Keys.ToList(), "variables"));
            return new TracedValue("", false);
        }

        // Variables may use other variables; the loader has already rejected cycles among them.
        // A variable is the environment's, resolved once for every stage: in its region, not a stage's own.
        var inner = new ReferenceResolver(scope with { StageDirectory = null, StageRegion = null });
        var resolved = await inner.ResolveTemplateAsync(definition.Value, cancellationToken).ConfigureAwait(false);
        foreach (var error in inner.Errors)
        {
            _diagnostics.Add(error.Location, error.Message, error.Hint);
        }

        if (!inner.HasErrors)
        {
            scope.VariableCache.Values.TryAdd(reference.Name, resolved);
        }

        return new TracedValue(resolved.Value, resolved.Sensitive);
    }

    private TracedValue Output(Reference reference)
    {
        switch (scope.Outputs.Lookup(reference.Name, reference.Key!))
        {
            case OutputLookup.Known known:
                return new TracedValue(known.Value.Value, known.Value.Sensitive);
            case OutputLookup.Unreadable:
                _diagnostics.Add(reference.Location, $"output '{reference.Key}' of stage '{reference.Name}' is a secret that cannot be decrypted here",
                    $"provide this environment's secret key (STAGECRAFT_SECRET_KEY or the key file; see docs/data.md), or redeploy '{reference.Name}' with --force");
                return new TracedValue("", false);
            case OutputLookup.Missing missing:
                _diagnostics.Add(reference.Location, $"stage '{reference.Name}' has no output '{reference.Key}'",
                    missing.Available.Count == 0 ? $"'{reference.Name}' produced no outputs" : DidYouMean.Hint(reference.Key!, missing.Available, "outputs"));
                return new TracedValue("", false);
            default:
                Trace.RecordPending(reference.Name, reference.Id);
                return new TracedValue(PendingPlaceholder(reference.Name), false);
        }
    }

    private async ValueTask<TracedValue> ExternalAsync(Reference reference, CancellationToken cancellationToken)
    {
        ExternalValue? value;
        try
        {
            value = await scope.External.GetAsync(reference.Kind, reference.Name, scope.StageRegion, cancellationToken).ConfigureAwait(false);
        }
        catch (StagecraftException ex)
        {
            _diagnostics.Add(reference.Location, $"cannot resolve '{reference.Text}': {ex.Message}", ex.Hint);
            return new TracedValue("", false);
        }

        if (value is null)
        {
            var (what, hint) = reference.Kind switch
            {
                ReferenceKind.Secret => ($"secret '{reference.Name}' is not set for environment '{scope.Environment}'", $"set it with: stagecraft secret set {reference.Name} -e {scope.Environment}"),
                ReferenceKind.Ssm => ($"parameter '{reference.Name}'{(scope.StageRegion is { } region ? $" in {region}" : "")} does not exist", $"publish it with a 'parameters' stage or: stagecraft param put {reference.Name} VALUE -e {scope.Environment}"),
                ReferenceKind.Region or ReferenceKind.Account => ($"{reference.Text} has no value on target of environment '{scope.Environment}'", "${region} and ${account} are known on the aws target only"),
                _ => ($"environment variable '{reference.Name}' is not set", $"export {reference.Name} before running stagecraft"),
            };
            _diagnostics.Add(reference.Location, what, hint);
            return new TracedValue("", false);
        }

        return new TracedValue(value.Value, value.Sensitive);
    }
}

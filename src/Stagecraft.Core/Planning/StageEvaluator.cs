namespace Stagecraft.Core.Planning;

/// <summary>
/// Resolves a stage's settings, declared outputs and input globs, hashes its input files and
/// computes its fingerprint. The planner calls it with outputs from state; the engine calls it
/// again just before a stage runs, with the outputs its upstream stages really produced.
/// </summary>
public sealed class StageEvaluator(ResolutionScope scope, Catalog catalog, SecretHasher secrets, StagecraftDirectories directories)
{
    private readonly ResolutionScope _scope = scope;

    public async Task<EvaluatedStage> EvaluateAsync(StageDefinition stage, IOutputSource outputs, CancellationToken cancellationToken)
    {
        var scope = _scope with { Outputs = outputs, StageDirectory = directories.StageDirectory(stage.Name) };
        var resolver = new ReferenceResolver(scope with { StageRegion = await StageRegionAsync(stage, scope, cancellationToken).ConfigureAwait(false) });
        var settings = (ResolvedMap)await resolver.ResolveAsync(stage.Settings, cancellationToken).ConfigureAwait(false);
        var declared = (ResolvedMap)await resolver.ResolveAsync(stage.Outputs, cancellationToken).ConfigureAwait(false);

        var patterns = new List<string>(stage.Inputs.Count);
        var errors = new List<Diagnostic>();
        foreach (var input in stage.Inputs)
        {
            var pattern = await resolver.ResolveScalarAsync(input, cancellationToken).ConfigureAwait(false);
            if (Path.IsPathRooted(pattern.Value))
            {
                if (!ProjectPaths.IsInside(_scope.ProjectDirectory, pattern.Value))
                {
                    errors.Add(new Diagnostic(input.TextLocation, $"input pattern '{pattern}' is outside the project directory", "inputs are globs relative to the project, e.g. app/**"));
                    continue;
                }

                patterns.Add(Path.GetRelativePath(_scope.ProjectDirectory, pattern.Value));
            }
            else if (InputFiles.Problem(pattern.Value, shown: pattern.ToString()) is { } problem)
            {
                errors.Add(new Diagnostic(input.TextLocation, problem, InputFiles.PatternHint));
            }
            else
            {
                patterns.Add(pattern.Value);
            }
        }

        var kind = catalog.FindKind(stage.Kind);
        if (!resolver.Trace.IsPending && kind is not null)
        {
            try
            {
                patterns.AddRange(KindInputs(kind, settings));
            }
            catch (StagecraftException ex)
            {
                errors.Add(new Diagnostic(stage.KindLocation, ex.Message, ex.Hint));
            }
        }

        var files = resolver.Trace.IsPending || errors.Count > 0 ? new Dictionary<string, string>() : InputFiles.Hash(_scope.ProjectDirectory, patterns);
        var fingerprint = FingerprintCalculator.Compute(stage.Kind, kind?.Version ?? "?", stage.Settings, settings, declared, files, resolver.Trace, secrets, _scope.ProjectDirectory);
        errors.AddRange(resolver.Errors);
        return new EvaluatedStage(settings, declared, resolver.Trace, fingerprint, errors);
    }

    /// <summary>
    /// A stage's own 'region' setting (AWS kinds have one), resolved first: ${region} and ${ssm:…}
    /// in its other settings are read in that region. Its errors are reported with the rest.
    /// </summary>
    private static async Task<string?> StageRegionAsync(StageDefinition stage, ResolutionScope scope, CancellationToken cancellationToken)
    {
        if (stage.Settings["region"] is not ConfigScalar node)
        {
            return null;
        }

        var resolver = new ReferenceResolver(scope);
        var region = await resolver.ResolveScalarAsync(node, cancellationToken).ConfigureAwait(false);
        return resolver.HasErrors || resolver.Trace.IsPending || region.Value.Length == 0 ? null : region.Value;
    }

    // A kind may name files by absolute path; those outside the project cannot be globbed relative to it, so they are left to 'inputs'.
    private List<string> KindInputs(StageKind kind, ResolvedMap settings)
    {
        var result = new List<string>();
        foreach (var pattern in kind.InputPatterns(settings, _scope.ProjectDirectory))
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (Path.IsPathRooted(body))
            {
                if (!ProjectPaths.IsInside(_scope.ProjectDirectory, body))
                {
                    continue;
                }

                body = Path.GetRelativePath(_scope.ProjectDirectory, body);
            }

            result.Add((negated ? "!" : "") + body.Replace('\\', '/'));
        }

        return result;
    }
}

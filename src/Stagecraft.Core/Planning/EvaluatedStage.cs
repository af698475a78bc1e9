namespace Stagecraft.Core.Planning;

/// <summary>A stage with its references resolved against what is known now, and its fingerprint.</summary>
public sealed record EvaluatedStage(
    ResolvedMap Settings,
    ResolvedMap DeclaredOutputs,
    ResolutionTrace Trace,
    Fingerprint Fingerprint,
    IReadOnlyList<Diagnostic> Errors)
{
    public bool IsPending => Trace.IsPending;
}

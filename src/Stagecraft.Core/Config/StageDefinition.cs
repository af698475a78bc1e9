namespace Stagecraft.Core.Config;

/// <summary>A stage as written: the keys every kind shares, plus the kind's own settings.</summary>
public sealed record StageDefinition(
    string Name,
    SourceLocation Location,
    string Kind,
    SourceLocation KindLocation,
    IReadOnlyList<StageDependency> Dependencies,
    bool Protect,
    string? Description,
    IReadOnlyList<ConfigScalar> Inputs,
    ConfigMap Outputs,
    ConfigMap Settings,
    IReadOnlyList<Reference> References)
{
    /// <summary>
    /// The environments the stage exists in ('only_in'), or null for every environment. Elsewhere
    /// the stage is absent: not planned, not deployed, and edges to it are dropped.
    /// </summary>
    public IReadOnlyList<ConfigScalar>? OnlyIn { get; init; }

    public bool ExistsIn(string environment) => OnlyIn is null || OnlyIn.Any(e => e.Text == environment);

    /// <summary>Upstream stage names, explicit and implied, without duplicates, in first-seen order.</summary>
    public IEnumerable<string> Upstream => Dependencies.Select(d => d.Stage).Distinct(StringComparer.Ordinal);
}

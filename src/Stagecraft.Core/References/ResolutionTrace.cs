namespace Stagecraft.Core.References;

/// <summary>A value a stage consumed through a reference, kept to explain why a stage changed.</summary>
public sealed record TracedValue(string Value, bool Sensitive);

/// <summary>Which references a resolution used, with their values, and which upstream stages were not yet known.</summary>
public sealed class ResolutionTrace
{
    private readonly SortedDictionary<string, TracedValue> _values = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _pendingStages = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TracedValue> Values => _values;

    public IReadOnlyCollection<string> PendingStages => _pendingStages;

    /// <summary>The reference ids that waited on a pending stage, e.g. stages.common.outputs.efs.</summary>
    public SortedSet<string> PendingReferences { get; } = new(StringComparer.Ordinal);

    public bool IsPending => _pendingStages.Count > 0;

    internal void Record(string id, TracedValue value) => _values[id] = value;

    internal void RecordPending(string stage, string referenceId)
    {
        _pendingStages.Add(stage);
        PendingReferences.Add(referenceId);
    }
}

namespace Stagecraft.Core.Kinds;

/// <summary>The one place kinds, targets and state backends are registered.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, StageKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetDescriptor> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StateBackend> _backends = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> KindNames => _kinds.Keys;

    public IReadOnlyCollection<string> TargetNames => _targets.Keys;

    public IReadOnlyCollection<string> BackendNames => _backends.Keys;

    public IEnumerable<StageKind> Kinds => _kinds.Values;

    public IEnumerable<TargetDescriptor> Targets => _targets.Values;

    public Catalog Add(StageKind kind)
    {
        _kinds.Add(kind.Name, kind);
        return this;
    }

    public Catalog Add(TargetDescriptor target)
    {
        _targets.Add(target.Name, target);
        return this;
    }

    public Catalog Add(StateBackend backend)
    {
        _backends.Add(backend.Name, backend);
        return this;
    }

    public StageKind? FindKind(string name) => _kinds.GetValueOrDefault(name);

    public TargetDescriptor? FindTarget(string name) => _targets.GetValueOrDefault(name);

    public StateBackend? FindBackend(string name) => _backends.GetValueOrDefault(name);

    /// <summary>True when the kind is registered and declares the capability; an unknown kind has none.</summary>
    public bool Has(string kindName, KindCapabilities capability) => FindKind(kindName) is { } kind && kind.Capabilities.HasFlag(capability);

    public StageKind Kind(string name) => _kinds.TryGetValue(name, out var kind) ? kind : throw new KeyNotFoundException("unknown kind " + name);
}

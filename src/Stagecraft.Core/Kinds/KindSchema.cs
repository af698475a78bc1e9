namespace Stagecraft.Core.Kinds;

/// <summary>The settings a kind (or a nested object of one) accepts; unknown keys are errors.</summary>
public sealed class KindSchema(params FieldSpec[] fields)
{
    private readonly Dictionary<string, FieldSpec> _fields = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyList<FieldSpec> Fields { get; } = fields;

    /// <summary>When true, keys not listed are accepted (free-form maps such as template parameters).</summary>
    public bool AllowUnknownKeys { get; init; }

    public FieldSpec? Find(string name) => _fields.GetValueOrDefault(name);
}

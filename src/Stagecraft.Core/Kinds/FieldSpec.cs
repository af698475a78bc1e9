namespace Stagecraft.Core.Kinds;

/// <summary>One setting a kind accepts.</summary>
public sealed record FieldSpec(string Name, FieldType Type, string Help, bool Required = false)
{
    /// <summary>For <see cref="FieldType.Object"/>: the nested settings.</summary>
    public KindSchema? Nested { get; init; }

    /// <summary>For scalars: the only values allowed (checked when written without references).</summary>
    public IReadOnlyList<string>? Allowed { get; init; }
}

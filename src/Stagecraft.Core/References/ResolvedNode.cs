namespace Stagecraft.Core.References;

/// <summary>A setting after every reference in it was replaced by its value.</summary>
public abstract record ResolvedNode(SourceLocation Location);

/// <summary>A resolved scalar; <see cref="Sensitive"/> when any part of it came from a secret.</summary>
public sealed record ResolvedScalar(string Value, bool Sensitive, SourceLocation Location) : ResolvedNode(Location)
{
    public override string ToString() => Sensitive ? "****" : Value;
}

public sealed record ResolvedList(IReadOnlyList<ResolvedNode> Items, SourceLocation Location) : ResolvedNode(Location);

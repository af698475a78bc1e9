namespace Stagecraft.Core.Config;

/// <summary>An edge to an upstream stage: written in depends_on, or implied by a reference.</summary>
public sealed record StageDependency(string Stage, SourceLocation Location, bool Explicit);

namespace Stagecraft.Core.Sessions;

/// <summary>One deployed stage's drift check.</summary>
public sealed record StageDrift(string Stage, string Kind, DriftResult Result);

namespace Stagecraft.Core.State;

/// <summary>Who let a manual stage proceed, for which fingerprint, and why.</summary>
public sealed record Approval(string Stage, string Fingerprint, string ApprovedBy, DateTimeOffset ApprovedAt, string? Note);

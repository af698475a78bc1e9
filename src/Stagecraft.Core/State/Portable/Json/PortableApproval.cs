namespace Stagecraft.Core.State.Portable.Json;

internal sealed record PortableApproval(string Stage, string Fingerprint, string ApprovedBy, DateTimeOffset ApprovedAt, string? Note);

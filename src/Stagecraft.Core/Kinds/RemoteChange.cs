namespace Stagecraft.Core.Kinds;

/// <summary>One resource-level change: an action (Add, Modify, Remove…) on a resource, and what it means.</summary>
public sealed record RemoteChange(string Action, string Resource, string Type, string? Detail = null);

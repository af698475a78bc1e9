namespace Stagecraft.Local.Agent.Releases;

/// <summary>One hook to run for an event: an absolute script path, its limit, its user, and where it was declared.</summary>
internal sealed record HookStep(string Event, string Location, TimeSpan Timeout, string? RunAs, string Source);

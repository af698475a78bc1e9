namespace Stagecraft.Local.Agent.Releases;

/// <summary>One health check: healthy or not, and what was seen ("200", "503", "302 (a redirect is not healthy)", "connection refused").</summary>
internal readonly record struct HealthResult(bool Healthy, string Observed);

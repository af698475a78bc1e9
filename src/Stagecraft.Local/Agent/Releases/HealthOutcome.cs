namespace Stagecraft.Local.Agent.Releases;

/// <summary>How a health gate ended: healthy after some time, or failed and why.</summary>
internal sealed record HealthOutcome(bool IsHealthy, TimeSpan Elapsed, string? Failure)
{
    public static HealthOutcome Healthy(TimeSpan elapsed) => new(true, elapsed, null);

    public static HealthOutcome Fail(string why) => new(false, TimeSpan.Zero, why);
}

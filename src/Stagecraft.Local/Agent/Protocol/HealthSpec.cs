namespace Stagecraft.Local.Agent.Protocol;

/// <summary>How an instance proves it is ready: GET <see cref="Path"/> answers 2xx <see cref="HealthyThreshold"/> times in a row.</summary>
public sealed record HealthSpec
{
    public string Path { get; init; } = "/healthz";

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public int HealthyThreshold { get; init; } = 2;

    /// <summary>An instance not healthy this long after it started fails the release.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Host header for the check; null sends the instance's own address.</summary>
    public string? Host { get; init; }
}

namespace Stagecraft.Aws.Ec2;

/// <summary>An instance's state and its two status checks ("ok" when passed; null while not reported).</summary>
internal sealed record InstanceHealth(string State, string? SystemStatus, string? InstanceStatus)
{
    public bool IsReady => State == "running" && SystemStatus == "ok" && InstanceStatus == "ok";

    public bool IsStopped => State == "stopped";

    public bool IsTerminating => State is "shutting-down" or "terminated";

    public bool IsGone => State is "shutting-down" or "terminated" or "stopping" or "stopped";
}

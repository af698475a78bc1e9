namespace Stagecraft.Aws.Ec2;

/// <summary>An AMI as far as the ami kind cares: pending, available or failed.</summary>
internal sealed record MachineImage(ImageId Id, string Name, string State, string? StateReason = null)
{
    public bool IsAvailable => State == "available";

    public bool IsPending => State == "pending";
}

/// <summary>What to boot for an image build.</summary>
internal sealed record InstanceLaunch(
    string ImageId,
    string InstanceType,
    string UserData,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? InstanceProfile,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>An instance's state and its two status checks ("ok" when passed; null while not reported).</summary>
internal sealed record InstanceHealth(string State, string? SystemStatus, string? InstanceStatus)
{
    public bool IsReady => State == "running" && SystemStatus == "ok" && InstanceStatus == "ok";

    public bool IsGone => State is "shutting-down" or "terminated" or "stopping" or "stopped";
}

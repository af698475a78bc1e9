namespace Stagecraft.Aws.Ec2;

/// <summary>An AMI as far as the ami kind cares: pending, available or failed.</summary>
internal sealed record MachineImage(ImageId Id, string Name, string State, string? StateReason = null)
{
    public bool IsAvailable => State == "available";

    public bool IsPending => State == "pending";
}

namespace Stagecraft.Aws.Ec2;

/// <summary>What to boot for an image build; <see cref="StopOnShutdown"/>: a shutdown from inside stops the instance instead of terminating it.</summary>
internal sealed record InstanceLaunch(
    string ImageId,
    string InstanceType,
    string UserData,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? InstanceProfile,
    IReadOnlyDictionary<string, string> Tags,
    bool StopOnShutdown = false);

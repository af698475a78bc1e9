namespace Stagecraft.Aws.Ec2;

/// <summary>The few EC2 calls the ami kind makes.</summary>
internal interface IEc2
{
    /// <summary>An image this account owns with exactly this name, or null.</summary>
    Task<MachineImage?> FindImageByNameAsync(string name, CancellationToken cancellationToken);

    Task<MachineImage?> DescribeImageAsync(ImageId id, CancellationToken cancellationToken);

    Task<InstanceId> RunInstanceAsync(InstanceLaunch launch, CancellationToken cancellationToken);

    /// <summary>Null when the instance no longer exists.</summary>
    Task<InstanceHealth?> DescribeInstanceAsync(InstanceId id, CancellationToken cancellationToken);

    Task<ImageId> CreateImageAsync(InstanceId instance, string name, string description, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task TerminateInstanceAsync(InstanceId id, CancellationToken cancellationToken);

    Task DeregisterImageAsync(ImageId id, CancellationToken cancellationToken);
}

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

    /// <summary>The newest available image whose name matches the pattern (wildcards allowed) among these owners, or null.</summary>
    Task<MachineImage?> FindNewestImageAsync(string namePattern, IReadOnlyList<string> owners, CancellationToken cancellationToken);

    /// <summary>Adds launch permissions for these accounts and this organisation (idempotent).</summary>
    Task ShareImageAsync(ImageId id, IReadOnlyList<string> accounts, string? organizationArn, CancellationToken cancellationToken);

    /// <summary>The instance's latest console output, decoded; null while EC2 has none.</summary>
    Task<string?> GetConsoleOutputAsync(InstanceId id, CancellationToken cancellationToken);
}

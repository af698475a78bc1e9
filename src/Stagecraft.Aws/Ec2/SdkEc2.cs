using Amazon.EC2;
using Amazon.EC2.Model;

namespace Stagecraft.Aws.Ec2;

/// <summary><see cref="IEc2"/> over the AWS SDK; SDK types stay in here.</summary>
internal sealed class SdkEc2(IAmazonEC2 client, SdkCall call) : IEc2
{
    public Task<MachineImage?> FindImageByNameAsync(string name, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "DescribeImages", async ct =>
        {
            var response = await client.DescribeImagesAsync(new DescribeImagesRequest
            {
                Owners = ["self"],
                Filters = [new Filter("name", [name])],
            }, ct).ConfigureAwait(false);
            var image = (response.Images ?? []).Where(i => i.State != ImageState.Deregistered).OrderByDescending(i => i.CreationDate).FirstOrDefault();
            return image is null ? null : ToImage(image);
        }, cancellationToken);

    public Task<MachineImage?> DescribeImageAsync(ImageId id, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "DescribeImages", async ct =>
        {
            try
            {
                var response = await client.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [id.Value] }, ct).ConfigureAwait(false);
                var image = (response.Images ?? []).FirstOrDefault();
                return image is null ? null : ToImage(image);
            }
            catch (AmazonEC2Exception ex) when (NotVisibleYet(ex))
            {
                return null;
            }
        }, cancellationToken);

    public Task<InstanceId> RunInstanceAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        // EC2's idempotency token, one per launch: a retry after a lost reply (5xx, connection
        // closed) returns the instance already launched instead of starting a second one.
        var clientToken = Guid.NewGuid().ToString("N");
        return call.RunAsync("ec2", "RunInstances", async ct =>
        {
            var request = new RunInstancesRequest
            {
                ClientToken = clientToken,
                ImageId = launch.ImageId,
                InstanceType = launch.InstanceType,
                MinCount = 1,
                MaxCount = 1,
                UserData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(launch.UserData)),
                SubnetId = launch.SubnetId,
                SecurityGroupIds = launch.SecurityGroupIds.Count > 0 ? launch.SecurityGroupIds.ToList() : null,
                IamInstanceProfile = launch.InstanceProfile is null ? null : new IamInstanceProfileSpecification { Name = launch.InstanceProfile },
                InstanceInitiatedShutdownBehavior = launch.StopOnShutdown ? ShutdownBehavior.Stop : ShutdownBehavior.Terminate,
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = Tags(launch.Tags) }],
            };
            var response = await client.RunInstancesAsync(request, ct).ConfigureAwait(false);
            return new InstanceId(response.Reservation.Instances[0].InstanceId);
        }, cancellationToken);
    }

    public Task<InstanceHealth?> DescribeInstanceAsync(InstanceId id, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "DescribeInstanceStatus", async ct =>
        {
            DescribeInstanceStatusResponse response;
            try
            {
                response = await client.DescribeInstanceStatusAsync(new DescribeInstanceStatusRequest
                {
                    InstanceIds = [id.Value],
                    IncludeAllInstances = true,
                }, ct).ConfigureAwait(false);
            }
            catch (AmazonEC2Exception ex) when (NotVisibleYet(ex))
            {
                return null;
            }

            var status = (response.InstanceStatuses ?? []).FirstOrDefault();
            return status is null
                ? null
                : new InstanceHealth(status.InstanceState?.Name?.Value ?? "unknown", status.SystemStatus?.Status?.Value, status.Status?.Status?.Value);
        }, cancellationToken);

    public Task<ImageId> CreateImageAsync(InstanceId instance, string name, string description, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "CreateImage", async ct =>
        {
            var response = await client.CreateImageAsync(new CreateImageRequest
            {
                InstanceId = instance.Value,
                Name = name,
                Description = description,
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Image, Tags = Tags(tags) }],
            }, ct).ConfigureAwait(false);
            return new ImageId(response.ImageId);
        }, cancellationToken);

    public Task TerminateInstanceAsync(InstanceId id, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "TerminateInstances", ct => client.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id.Value] }, ct), cancellationToken);

    public Task DeregisterImageAsync(ImageId id, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "DeregisterImage", ct => client.DeregisterImageAsync(new DeregisterImageRequest { ImageId = id.Value }, ct), cancellationToken);

    public Task<MachineImage?> FindNewestImageAsync(string namePattern, IReadOnlyList<string> owners, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "DescribeImages", async ct =>
        {
            var response = await client.DescribeImagesAsync(new DescribeImagesRequest
            {
                Owners = owners.ToList(),
                Filters = [new Filter("name", [namePattern]), new Filter("state", ["available"])],
            }, ct).ConfigureAwait(false);
            // CreationDate is ISO-8601 text, so ordinal order is time order.
            var image = (response.Images ?? []).OrderByDescending(i => i.CreationDate, StringComparer.Ordinal).FirstOrDefault();
            return image is null ? null : ToImage(image);
        }, cancellationToken);

    public Task ShareImageAsync(ImageId id, IReadOnlyList<string> accounts, string? organizationArn, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "ModifyImageAttribute", ct =>
        {
            var add = accounts.Select(a => new LaunchPermission { UserId = a })
                .Concat(organizationArn is null ? [] : [new LaunchPermission { OrganizationArn = organizationArn }])
                .ToList();
            return client.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
            {
                ImageId = id.Value,
                LaunchPermission = new LaunchPermissionModifications { Add = add },
            }, ct);
        }, cancellationToken);

    public Task<string?> GetConsoleOutputAsync(InstanceId id, CancellationToken cancellationToken) =>
        call.RunAsync("ec2", "GetConsoleOutput", async ct =>
        {
            try
            {
                // Latest: the live buffer rather than the last boot's snapshot (Nitro instance types).
                var response = await client.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = id.Value, Latest = true }, ct).ConfigureAwait(false);
                return string.IsNullOrEmpty(response.Output) ? null : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(response.Output));
            }
            catch (AmazonEC2Exception ex) when (NotVisibleYet(ex))
            {
                return null;
            }
        }, cancellationToken);

    // EC2 is eventually consistent: right after RunInstances or CreateImage, describing the new id
    // may fail with these codes for a while. Callers poll on null ("not visible yet").
    private static bool NotVisibleYet(AmazonEC2Exception ex) => ex.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidAMIID.NotFound";

    private static MachineImage ToImage(Image image) =>
        new(new ImageId(image.ImageId), image.Name ?? "", image.State?.Value ?? "unknown", image.StateReason?.Message);

    private static List<Tag> Tags(IReadOnlyDictionary<string, string> tags) => tags.Select(t => new Tag(t.Key, t.Value)).ToList();
}

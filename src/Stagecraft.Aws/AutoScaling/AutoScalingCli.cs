using Stagecraft.Aws.CodeDeploy;

namespace Stagecraft.Aws.AutoScaling;

/// <summary><see cref="IAutoScaling"/> through 'aws autoscaling …'.</summary>
internal sealed class AutoScalingCli(IAwsCli cli) : IAutoScaling
{
    private const string Latest = "$Latest";

    public async Task<bool> GroupExistsAsync(string name, CancellationToken cancellationToken) =>
        await DescribeAsync(name, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<LaunchTemplateUse?> LaunchTemplateOfAsync(string name, CancellationToken cancellationToken)
    {
        if (await DescribeAsync(name, cancellationToken).ConfigureAwait(false) is not { } group)
        {
            return null;
        }

        var template = Json.Property(group, "LaunchTemplate")
            ?? (Json.Property(group, "MixedInstancesPolicy") is { } mixed && Json.Property(mixed, "LaunchTemplate") is { } spec ? Json.Property(spec, "LaunchTemplateSpecification") : null);
        return template is { } t
            ? new LaunchTemplateUse(Json.String(t, "LaunchTemplateName"), Json.String(t, "LaunchTemplateId"), Json.String(t, "Version"))
            : new LaunchTemplateUse(null, null, null);
    }

    public Task CreateGroupAsync(string name, FleetSpec fleet, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "--auto-scaling-group-name", name,
            "--launch-template", JsonSerializer.Serialize(new { LaunchTemplateName = fleet.LaunchTemplate, Version = Latest }),
            "--min-size", fleet.MinSize.ToString(CultureInfo.InvariantCulture),
            "--max-size", fleet.MaxSize.ToString(CultureInfo.InvariantCulture),
            "--desired-capacity", fleet.MinSize.ToString(CultureInfo.InvariantCulture),
            "--vpc-zone-identifier", string.Join(",", fleet.Subnets),
        };
        if (fleet.TargetGroupArn is { } targetGroup)
        {
            args.AddRange(["--target-group-arns", targetGroup, "--health-check-type", "ELB", "--health-check-grace-period", fleet.HealthCheckGraceSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        return cli.RunAsync(new AwsCommand("autoscaling", "create-auto-scaling-group", args), cancellationToken);
    }

    public Task UseLatestAsync(string name, string launchTemplate, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", name,
            "--launch-template", JsonSerializer.Serialize(new { LaunchTemplateName = launchTemplate, Version = Latest })), cancellationToken);

    public Task DeleteGroupAsync(string name, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", name, "--force-delete"), cancellationToken);

    private async Task<JsonElement?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name), cancellationToken).ConfigureAwait(false);
        return json is { } root ? Json.Array(root, "AutoScalingGroups").Cast<JsonElement?>().FirstOrDefault() : null;
    }
}

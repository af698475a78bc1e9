using Stagecraft.Aws.Cli;

namespace Stagecraft.Aws.AutoScaling;

/// <summary><see cref="IAutoScaling"/> through 'aws autoscaling …'.</summary>
internal sealed class AutoScalingCli : IAutoScaling
{
    private readonly IAwsCli _cli;

    public AutoScalingCli(IAwsCli cli)
    {
        _cli = cli;
    }

    public async Task<bool> GroupExistsAsync(string name, CancellationToken cancellationToken)
    {
        var json = await _cli.RunAsync(AwsCommand.Of("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name), cancellationToken).ConfigureAwait(false);
        return json is { } root && Json.Array(root, "AutoScalingGroups").Any();
    }

    public Task DeleteGroupAsync(string name, CancellationToken cancellationToken) =>
        _cli.RunAsync(AwsCommand.Of("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", name, "--force-delete"), cancellationToken);
}

using Stagecraft.Aws.AutoScaling;

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>
/// Ensures the application and blue/green group, waits while another deployment of the group is
/// active, creates the deployment and follows it. A failed deployment's green Auto Scaling group
/// is deleted so it does not keep running instances; Ctrl-C stops the deployment (rolling back).
/// </summary>
internal sealed class DeploymentRunner(ICodeDeploy deploy, IAutoScaling autoScaling, StageContext context, TimeSpan interval)
{
    public const string DeploymentDataKey = "deployment";


    private IStageLog Log => context.Log;

    public async Task<DeploymentInfo> RunAsync(CodeDeploySettings settings, CancellationToken cancellationToken)
    {
        var group = settings.Group;
        await EnsureGroupAsync(group, cancellationToken).ConfigureAwait(false);

        // A run interrupted after creating its deployment picks that deployment up instead of starting another.
        var id = await ResumableAsync(cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            await WaitForOthersAsync(group, cancellationToken).ConfigureAwait(false);
            id = await deploy.CreateDeploymentAsync(group.Application, group.Group, settings.Revision, settings.Description, cancellationToken).ConfigureAwait(false);
            await context.SetDataAsync(DeploymentDataKey, $"{context.Fingerprint} {id}", CancellationToken.None).ConfigureAwait(false);
            Log.Line($"# created deployment {id}");
        }

        var info = await FollowAsync(id.Value, cancellationToken).ConfigureAwait(false);
        if (!info.Succeeded)
        {
            var deleted = await DeleteGreenAsync(info, group.AutoScalingGroup).ConfigureAwait(false);
            throw new StageFailedException($"{AwsErrorCode.DeploymentFailed}: deployment {info.Id} {info.Status.ToLowerInvariant()}: {info.ErrorCode ?? "no error code"}: {info.ErrorMessage ?? "no message"}",
                deleted.Select(d => $"deleted green Auto Scaling group {d}").ToList(),
                "the lifecycle event logs are on the instances (/opt/codedeploy-agent/deployment-root) and in the CodeDeploy console");
        }

        Log.Line($"# deployment {info.Id} succeeded");
        return info;
    }

    /// <summary>
    /// Application, group and fleet in step with the stage's settings on every run, as the seed's
    /// create_deployment_group.py does: the group is created once and updated when its settings
    /// differ (its Auto Scaling groups are CodeDeploy's, which points it at each new green fleet);
    /// with a launch template, the first fleet is made from it and every fleet runs its $Latest, so
    /// a new golden image reaches the next release instead of the version a copy was pinned to.
    /// </summary>
    private async Task EnsureGroupAsync(DeploymentGroupSpec group, CancellationToken cancellationToken)
    {
        if (!await deploy.ApplicationExistsAsync(group.Application, cancellationToken).ConfigureAwait(false))
        {
            await deploy.CreateApplicationAsync(group.Application, cancellationToken).ConfigureAwait(false);
            Log.Line($"# created application {group.Application}");
        }

        var current = await deploy.GetDeploymentGroupAsync(group.Application, group.Group, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            if (group.Fleet is { } fleet && !await autoScaling.GroupExistsAsync(group.AutoScalingGroup, cancellationToken).ConfigureAwait(false))
            {
                await autoScaling.CreateGroupAsync(group.AutoScalingGroup, fleet, cancellationToken).ConfigureAwait(false);
                Log.Line($"# created Auto Scaling group {group.AutoScalingGroup} from launch template {fleet.LaunchTemplate} ($Latest), {fleet.MinSize}-{fleet.MaxSize} instances");
            }

            await deploy.CreateDeploymentGroupAsync(group, cancellationToken).ConfigureAwait(false);
            Log.Line($"# created blue/green deployment group {group.Group} (copies {group.AutoScalingGroup}, target group {group.TargetGroup})");
        }
        else if (group.DifferencesFrom(current) is { Count: > 0 } differences)
        {
            await deploy.UpdateDeploymentGroupAsync(group, cancellationToken).ConfigureAwait(false);
            Log.Line($"# updated deployment group {group.Group}: {string.Join("; ", differences)}");
        }

        if (group.Fleet is { } template)
        {
            var fleets = current is { AutoScalingGroups.Count: > 0 } ? current.AutoScalingGroups : [group.AutoScalingGroup];
            foreach (var name in fleets)
            {
                var use = await autoScaling.LaunchTemplateOfAsync(name, cancellationToken).ConfigureAwait(false);
                if (use is not null && (use.Version != "$Latest" || (use.Name is not null && use.Name != template.LaunchTemplate) || use.Name is null))
                {
                    await autoScaling.UseLatestAsync(name, template.LaunchTemplate, cancellationToken).ConfigureAwait(false);
                    Log.Line($"# Auto Scaling group {name} now launches {template.LaunchTemplate} $Latest (was {use.Name ?? use.Id ?? "another template"} {use.Version ?? "?"})");
                }
            }
        }
    }

    private async Task<DeploymentId?> ResumableAsync(CancellationToken cancellationToken)
    {
        var saved = await context.GetDataAsync(DeploymentDataKey, cancellationToken).ConfigureAwait(false);
        if (saved?.Split(' ') is not [var fingerprint, var id] || fingerprint != context.Fingerprint)
        {
            return null;
        }

        var info = await deploy.GetDeploymentAsync(new DeploymentId(id), cancellationToken).ConfigureAwait(false);
        if (info.Finished && !info.Succeeded)
        {
            return null;
        }

        Log.Line($"# deployment {id} of this revision was started by an earlier run ({info.Status}): following it");
        return info.Id;
    }

    private async Task WaitForOthersAsync(DeploymentGroupSpec group, CancellationToken cancellationToken)
    {
        while (await deploy.ListActiveDeploymentsAsync(group.Application, group.Group, cancellationToken).ConfigureAwait(false) is { Count: > 0 } active)
        {
            Log.Status($"waiting: deployment {string.Join(", ", active)} is active");
            Log.Line($"# deployment {string.Join(", ", active)} of {group.Group} is still active: waiting for it to finish");
            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeploymentInfo> FollowAsync(DeploymentId id, CancellationToken cancellationToken)
    {
        var last = "";
        try
        {
            while (true)
            {
                var info = await deploy.GetDeploymentAsync(id, cancellationToken).ConfigureAwait(false);
                var line = $"{id}: {info.Status}{(info.Progress.Length > 0 ? $" ({info.Progress})" : "")}";
                context.Log.Status(line);
                if (line != last)
                {
                    Log.Line("# " + line);
                    last = line;
                }

                if (info.Finished)
                {
                    return info;
                }

                await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted or timed out: stop it so CodeDeploy rolls back instead of finishing unobserved.
            Log.Line($"# stopping deployment {id}");
            await deploy.StopDeploymentAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> DeleteGreenAsync(DeploymentInfo info, string blue)
    {
        var deleted = new List<string>();
        foreach (var green in info.GreenAutoScalingGroups.Where(g => g != blue))
        {
            if (await autoScaling.GroupExistsAsync(green, CancellationToken.None).ConfigureAwait(false))
            {
                await autoScaling.DeleteGroupAsync(green, CancellationToken.None).ConfigureAwait(false);
                Log.Line($"# deleted green Auto Scaling group {green} left by the failed deployment");
                deleted.Add(green);
            }
        }

        return deleted;
    }
}

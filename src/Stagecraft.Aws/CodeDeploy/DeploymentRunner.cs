using Stagecraft.Aws.AutoScaling;
using Stagecraft.Aws.Polling;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>
/// Ensures the application and blue/green group, waits while another deployment of the group is
/// active, creates the deployment and follows it. A failed deployment's green Auto Scaling group
/// is deleted so it does not keep running instances; Ctrl-C stops the deployment (rolling back).
/// </summary>
internal sealed class DeploymentRunner
{
    public const string DeploymentDataKey = "deployment";

    private readonly ICodeDeploy _deploy;
    private readonly IAutoScaling _autoScaling;
    private readonly StageContext _context;
    private readonly TimeSpan _interval;

    public DeploymentRunner(ICodeDeploy deploy, IAutoScaling autoScaling, StageContext context, TimeSpan interval)
    {
        _deploy = deploy;
        _autoScaling = autoScaling;
        _context = context;
        _interval = interval;
    }

    private IStageLog Log => _context.Log;

    public async Task<DeploymentInfo> RunAsync(CodeDeploySettings settings, CancellationToken cancellationToken)
    {
        var group = settings.Group;
        await EnsureGroupAsync(group, cancellationToken).ConfigureAwait(false);

        // A run interrupted after creating its deployment picks that deployment up instead of starting another.
        var id = await ResumableAsync(cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            await WaitForOthersAsync(group, cancellationToken).ConfigureAwait(false);
            id = await _deploy.CreateDeploymentAsync(group.Application, group.Group, settings.Revision, settings.Description, cancellationToken).ConfigureAwait(false);
            await _context.SetDataAsync(DeploymentDataKey, $"{_context.Fingerprint} {id}", CancellationToken.None).ConfigureAwait(false);
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

    private async Task EnsureGroupAsync(DeploymentGroupSpec group, CancellationToken cancellationToken)
    {
        if (!await _deploy.ApplicationExistsAsync(group.Application, cancellationToken).ConfigureAwait(false))
        {
            await _deploy.CreateApplicationAsync(group.Application, cancellationToken).ConfigureAwait(false);
            Log.Line($"# created application {group.Application}");
        }

        // Only created, never updated: after each blue/green swap CodeDeploy points the group at the new fleet.
        if (!await _deploy.DeploymentGroupExistsAsync(group.Application, group.Group, cancellationToken).ConfigureAwait(false))
        {
            await _deploy.CreateDeploymentGroupAsync(group, cancellationToken).ConfigureAwait(false);
            Log.Line($"# created blue/green deployment group {group.Group} (copies {group.AutoScalingGroup}, target group {group.TargetGroup})");
        }
    }

    private async Task<DeploymentId?> ResumableAsync(CancellationToken cancellationToken)
    {
        var saved = await _context.GetDataAsync(DeploymentDataKey, cancellationToken).ConfigureAwait(false);
        if (saved?.Split(' ') is not [var fingerprint, var id] || fingerprint != _context.Fingerprint)
        {
            return null;
        }

        var info = await _deploy.GetDeploymentAsync(new DeploymentId(id), cancellationToken).ConfigureAwait(false);
        if (info.Finished && !info.Succeeded)
        {
            return null;
        }

        Log.Line($"# deployment {id} of this revision was started by an earlier run ({info.Status}): following it");
        return info.Id;
    }

    private async Task WaitForOthersAsync(DeploymentGroupSpec group, CancellationToken cancellationToken)
    {
        while (await _deploy.ListActiveDeploymentsAsync(group.Application, group.Group, cancellationToken).ConfigureAwait(false) is { Count: > 0 } active)
        {
            Log.Status($"waiting: deployment {string.Join(", ", active)} is active");
            Log.Line($"# deployment {string.Join(", ", active)} of {group.Group} is still active: waiting for it to finish");
            await Wait.Between(_interval, _context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeploymentInfo> FollowAsync(DeploymentId id, CancellationToken cancellationToken)
    {
        var last = "";
        try
        {
            while (true)
            {
                var info = await _deploy.GetDeploymentAsync(id, cancellationToken).ConfigureAwait(false);
                var line = $"{id}: {info.Status}{(info.Progress.Length > 0 ? $" ({info.Progress})" : "")}";
                _context.Log.Status(line);
                if (line != last)
                {
                    Log.Line("# " + line);
                    last = line;
                }

                if (info.Finished)
                {
                    return info;
                }

                await Wait.Between(_interval, _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted or timed out: stop it so CodeDeploy rolls back instead of finishing unobserved.
            Log.Line($"# stopping deployment {id}");
            await _deploy.StopDeploymentAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> DeleteGreenAsync(DeploymentInfo info, string blue)
    {
        var deleted = new List<string>();
        foreach (var green in info.GreenAutoScalingGroups.Where(g => g != blue))
        {
            if (await _autoScaling.GroupExistsAsync(green, CancellationToken.None).ConfigureAwait(false))
            {
                await _autoScaling.DeleteGroupAsync(green, CancellationToken.None).ConfigureAwait(false);
                Log.Line($"# deleted green Auto Scaling group {green} left by the failed deployment");
                deleted.Add(green);
            }
        }

        return deleted;
    }
}

namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// One stack deploy: settle what exists, change set (create or update), show it, execute it,
/// stream events until the stack settles, and report each failed resource with its reason.
/// </summary>
internal sealed class StackDeployer(AwsEnvironment aws, StageContext context, CloudFormationSettings settings)
{
    private readonly AwsEnvironment _aws = aws;
    private readonly ICloudFormation _cfn = aws.CloudFormation;

    private StackName Stack => settings.Stack;

    private IStageLog Log => context.Log;

    public async Task<StackDescription> DeployAsync(CancellationToken cancellationToken)
    {
        var existing = await SettleAsync(cancellationToken).ConfigureAwait(false);
        var create = existing is null || existing.Status == StackStatus.ReviewInProgress;
        var name = $"stagecraft-{context.RunId}-{context.Fingerprint[..Math.Min(12, context.Fingerprint.Length)]}";
        var changeSet = await new ChangeSets(_cfn, context, settings, _aws.PollInterval).CreateAsync(name, create, cancellationToken).ConfigureAwait(false);
        if (changeSet.IsEmpty)
        {
            Log.Line($"# no changes: stack {Stack} already matches the template and parameters");
            await _cfn.DeleteChangeSetAsync(changeSet.Arn, cancellationToken).ConfigureAwait(false);
            return existing ?? throw new StageFailedException($"stack {Stack} vanished while it was being planned");
        }

        if (changeSet.Status != "CREATE_COMPLETE")
        {
            throw new StageFailedException($"{AwsErrorCode.ChangeSetFailed}: CloudFormation could not compute the change set for stack {Stack}: {changeSet.Status}",
                [changeSet.StatusReason ?? "no reason given"], "fix the template or parameters; the change set is kept for inspection in the console");
        }

        Log.Line($"# change set {name} ({(create ? "create" : "update")}), {changeSet.Changes.Count} resource change(s):");
        foreach (var line in ChangeSets.Describe(changeSet))
        {
            Log.Line(line);
        }

        var monitor = new StackMonitor(_cfn, Log, context.Time, _aws.PollInterval);
        await monitor.MarkSeenAsync(Stack, cancellationToken).ConfigureAwait(false);
        Log.Status($"executing change set on {Stack}");
        await _cfn.ExecuteChangeSetAsync(changeSet.Arn, cancellationToken).ConfigureAwait(false);
        var final = await monitor.WaitAsync(Stack, cancellationToken).ConfigureAwait(false);
        if (final is null || !StackStatus.Succeeded(final.Status))
        {
            var status = final?.Status ?? "DELETED";
            Log.Line($"# stack {Stack} ended in {status}");
            var details = monitor.FailureDetails();
            throw new StageFailedException($"{AwsErrorCode.StackFailed}: stack {Stack} failed to {(create ? "create" : "update")} and ended in {status}",
                details.Count > 0 ? details : [final?.StatusReason ?? "CloudFormation gave no reason; see the stack's events"],
                create ? "fix the failed resources; a stack that failed to create is deleted and re-created on the next deploy with recreate_failed: true" : null);
        }

        Log.Line($"# stack {Stack} is {final.Status}");
        return final;
    }

    public async Task DestroyAsync(CancellationToken cancellationToken)
    {
        var existing = await _cfn.DescribeStackAsync(Stack, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            Log.Line($"# stack {Stack} does not exist: nothing to delete");
            return;
        }

        await DeleteAndWaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits out an operation already running on the stack; deletes a failed create when allowed.</summary>
    private async Task<StackDescription?> SettleAsync(CancellationToken cancellationToken)
    {
        var existing = await _cfn.DescribeStackAsync(Stack, cancellationToken).ConfigureAwait(false);
        if (existing is { InProgress: true })
        {
            Log.Line($"# stack {Stack} is {existing.Status}: waiting for that to finish first");
            existing = await new StackMonitor(_cfn, Log, context.Time, _aws.PollInterval).WaitAsync(Stack, cancellationToken).ConfigureAwait(false);
        }

        if (existing is null || !StackStatus.IsDeadOnArrival(existing.Status))
        {
            return existing;
        }

        if (!settings.RecreateFailed)
        {
            throw new StageFailedException($"{AwsErrorCode.StackStuck}: stack {Stack} is {existing.Status} after a failed create and cannot be updated",
                [existing.StatusReason ?? "see the stack's events for why the create failed"],
                $"set 'recreate_failed: true' on the stage to delete and re-create it, or delete it yourself: aws cloudformation delete-stack --stack-name {Stack}");
        }

        Log.Line($"# stack {Stack} is {existing.Status} after a failed create: deleting it to create it again (recreate_failed: true)");
        await DeleteAndWaitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task DeleteAndWaitAsync(CancellationToken cancellationToken)
    {
        var monitor = new StackMonitor(_cfn, Log, context.Time, _aws.PollInterval);
        await monitor.MarkSeenAsync(Stack, cancellationToken).ConfigureAwait(false);
        Log.Status($"deleting stack {Stack}");
        await _cfn.DeleteStackAsync(Stack, cancellationToken).ConfigureAwait(false);
        var final = await monitor.WaitAsync(Stack, cancellationToken).ConfigureAwait(false);
        if (final is not null && final.Status != "DELETE_COMPLETE")
        {
            var details = monitor.FailureDetails();
            throw new StageFailedException($"{AwsErrorCode.StackDeleteFailed}: stack {Stack} could not be deleted and is {final.Status}",
                details.Count > 0 ? details : [final.StatusReason ?? "no reason given"],
                "remove what blocks the delete (e.g. a non-empty bucket), then run again");
        }

        Log.Line($"# stack {Stack} deleted");
    }
}

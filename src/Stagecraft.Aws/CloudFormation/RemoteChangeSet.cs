namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// 'plan --remote' for a stack: a change set is created only to read its resource changes, then
/// deleted, together with the empty stack a create change set leaves behind.
/// </summary>
internal static class RemoteChangeSet
{
    public static async Task<RemoteChanges> DescribeAsync(AwsEnvironment aws, StageContext context, CancellationToken cancellationToken)
    {
        var settings = CloudFormationSettings.Read(context);
        var cfn = aws.CloudFormation;
        var existing = await cfn.DescribeStackAsync(settings.Stack, cancellationToken).ConfigureAwait(false);
        if (existing is not null && (existing.InProgress || StackStatus.IsDeadOnArrival(existing.Status)))
        {
            return new RemoteChanges($"stack {settings.Stack} is {existing.Status}; no change set was made", []);
        }

        var create = existing is null || existing.Status == StackStatus.ReviewInProgress;
        var name = $"stagecraft-plan-{Guid.NewGuid():N}"[..28];
        var changeSets = new ChangeSets(cfn, context, settings, aws.PollInterval);
        ChangeSetArn? arn = null;
        try
        {
            arn = await changeSets.StartAsync(name, create, cancellationToken).ConfigureAwait(false);
            var changeSet = await changeSets.WaitAsync(arn.Value, cancellationToken).ConfigureAwait(false);
            if (changeSet.IsEmpty)
            {
                return new RemoteChanges($"stack {settings.Stack}: no resource changes", []);
            }

            if (changeSet.Status != "CREATE_COMPLETE")
            {
                return new RemoteChanges($"stack {settings.Stack}: CloudFormation could not compute changes: {changeSet.StatusReason}", []);
            }

            var changes = changeSet.Changes
                .Select(c => new RemoteChange(c.Action, c.LogicalId, c.ResourceType, c.Replacement is "True" or "Conditional" ? $"replacement: {c.Replacement}" : null))
                .ToList();
            return new RemoteChanges($"stack {settings.Stack} ({(create ? "new" : "update")}): {changes.Count} resource change(s)", changes);
        }
        finally
        {
            // Cleanup must happen even after Ctrl-C, a deadline or a failed poll: nothing may be left behind by a plan.
            await CleanUpAsync(cfn, context, settings.Stack, arn, stackIsNew: existing is null).ConfigureAwait(false);
        }
    }

    private static async Task CleanUpAsync(ICloudFormation cfn, StageContext context, StackName stack, ChangeSetArn? arn, bool stackIsNew)
    {
        try
        {
            if (arn is { } known)
            {
                await cfn.DeleteChangeSetAsync(known, CancellationToken.None).ConfigureAwait(false);
            }

            // A create change set makes an empty REVIEW_IN_PROGRESS stack, even when its reply was lost.
            if (stackIsNew)
            {
                await cfn.DeleteStackAsync(stack, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (AwsException ex)
        {
            // Not thrown: it would hide why the plan stopped.
            context.Log.Line($"# could not clean up after the remote plan of {stack}: {ex.Message}; delete the change set (and a REVIEW_IN_PROGRESS stack) by hand");
        }
    }
}

using Stagecraft.Aws.Targets;
using Stagecraft.Core.Kinds;

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
        var changeSet = await new ChangeSets(cfn, context, settings, aws.PollInterval).CreateAsync(name, create, cancellationToken).ConfigureAwait(false);
        try
        {
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
            // Cleanup must happen even after Ctrl-C: nothing may be left behind by a plan.
            await cfn.DeleteChangeSetAsync(changeSet.Arn, CancellationToken.None).ConfigureAwait(false);
            if (existing is null)
            {
                await cfn.DeleteStackAsync(settings.Stack, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}

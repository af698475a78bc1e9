namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// Drift of stacks (cloudformation, serverless, cdk): each must exist, be settled and not failed, be the
/// stack state recorded, and — where DetectStackDrift answers — have its resources as the template
/// says. When drift detection cannot run (not allowed, not supported) that part is noted as unchecked.
/// </summary>
internal static class StackDriftCheck
{
    /// <summary>How long one stack's drift detection may take before it is left unchecked.</summary>
    public static readonly TimeSpan DetectionLimit = TimeSpan.FromMinutes(5);

    public const string HandEdited =
        "CloudFormation changes nothing when the template is unchanged: undo the change by hand (the console's drift view shows expected and actual values), or write the new value into the template and deploy";

    public static async Task<DriftResult> CheckAsync(AwsEnvironment aws, IReadOnlyList<StackName> stacks, IReadOnlyDictionary<string, string> recordedIds, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var differences = new List<string>();
        var handEdited = new List<string>();
        var notes = new List<string>();
        var gone = new List<string>();
        foreach (var stack in stacks)
        {
            var description = await aws.CloudFormation.DescribeStackAsync(stack, cancellationToken).ConfigureAwait(false);
            if (description is null)
            {
                gone.Add(stack.Value);
                continue;
            }

            if (description.InProgress)
            {
                notes.Add($"stack {stack} is {description.Status}: being changed right now, so its resources were not checked");
                continue;
            }

            if (Failed(description.Status))
            {
                differences.Add($"stack {stack} is {description.Status}{(description.StatusReason is null ? "" : ": " + description.StatusReason)}");
                continue;
            }

            if (recordedIds.TryGetValue(stack.Value, out var recorded) && recorded.Length > 0 && recorded != description.StackId)
            {
                differences.Add($"stack {stack} was deleted and created again outside stagecraft (id {description.StackId}, state recorded {recorded})");
                continue;
            }

            handEdited.AddRange(await DetectAsync(aws, stack, time, notes, cancellationToken).ConfigureAwait(false));
        }

        // Only resources edited by hand are beyond a redeploy; a missing or failed stack is what a deploy fixes.
        DriftResult result = gone.Count == stacks.Count ? new DriftResult.Gone($"stack {string.Join(", ", gone)} does not exist")
            : gone.Count + differences.Count + handEdited.Count == 0 ? new DriftResult.InSync()
            : new DriftResult.Drifted([.. gone.Select(g => $"stack {g} does not exist"), .. differences, .. handEdited], gone.Count + differences.Count == 0 ? HandEdited : null);
        return result with { Notes = notes };
    }

    /// <summary>Settled in a state no deploy of ours leaves: a failed create, update, rollback or delete.</summary>
    public static bool Failed(string status) =>
        StackStatus.IsDeadOnArrival(status) || status.EndsWith("_FAILED", StringComparison.Ordinal) || status is "UPDATE_ROLLBACK_COMPLETE";

    private static async Task<List<string>> DetectAsync(AwsEnvironment aws, StackName stack, TimeProvider time, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var id = await aws.CloudFormation.DetectStackDriftAsync(stack, cancellationToken).ConfigureAwait(false);
            var until = time.GetUtcNow() + DetectionLimit;
            var detection = await aws.CloudFormation.DescribeStackDriftDetectionStatusAsync(id, cancellationToken).ConfigureAwait(false);
            while (detection.InProgress && time.GetUtcNow() < until)
            {
                await Wait.Between(aws.PollInterval, time, cancellationToken).ConfigureAwait(false);
                detection = await aws.CloudFormation.DescribeStackDriftDetectionStatusAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (detection.InProgress || detection.Failed)
            {
                notes.Add($"resources of stack {stack} not checked: drift detection {(detection.InProgress ? $"did not finish within {DetectionLimit.TotalMinutes:0} minutes" : "failed: " + detection.Reason)}");
                return [];
            }

            if (detection.StackDriftStatus != "DRIFTED")
            {
                return [];
            }

            var drifts = await aws.CloudFormation.DescribeStackResourceDriftsAsync(stack, cancellationToken).ConfigureAwait(false);
            return drifts.Count == 0
                ? [$"stack {stack} has {detection.DriftedResources} drifted resource(s)"]
                : drifts.Select(d => $"{d.LogicalId} ({d.Type}) {d.Status.ToLowerInvariant()}{(d.Properties.Count == 0 ? "" : ": " + string.Join(", ", d.Properties))}").ToList();
        }
        catch (AwsException ex) when (ex.Code != AwsErrorCode.WrongAccount)
        {
            // Some accounts may not detect drift (permissions), some emulators do not implement it: the stack itself was checked.
            notes.Add($"resources of stack {stack} not checked: {ex.Operation} failed: {ex.AwsMessage}");
            return [];
        }
    }
}

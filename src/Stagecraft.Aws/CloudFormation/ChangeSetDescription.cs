namespace Stagecraft.Aws.CloudFormation;

/// <summary>A change set's state and its resource-level changes.</summary>
internal sealed record ChangeSetDescription(ChangeSetArn Arn, string Status, string? StatusReason, string? ExecutionStatus, IReadOnlyList<ResourceChange> Changes)
{
    public bool Pending => Status is "CREATE_PENDING" or "CREATE_IN_PROGRESS";

    /// <summary>CloudFormation refuses an empty change set with one of these reasons: that is "no changes", not a failure.</summary>
    public bool IsEmpty => Status == "FAILED" && StatusReason is { } reason
        && (reason.Contains("didn't contain changes", StringComparison.Ordinal) || reason.Contains("No updates are to be performed", StringComparison.Ordinal));
}

namespace Stagecraft.Aws.CloudFormation;

/// <summary>A stack's state and outputs.</summary>
internal sealed record StackDescription(string StackId, StackName Name, string Status, string? StatusReason, IReadOnlyDictionary<string, string> Outputs)
{
    public bool InProgress => StackStatus.InProgress(Status);
}

/// <summary>One resource event, as 'describe-stack-events' lists it.</summary>
internal sealed record StackEvent(string EventId, DateTimeOffset Timestamp, string LogicalId, string ResourceType, string Status, string? Reason)
{
    public bool IsFailure => Status.EndsWith("_FAILED", StringComparison.Ordinal);
}

/// <summary>What to create a change set from.</summary>
internal sealed record ChangeSetRequest(
    StackName Stack,
    string Name,
    bool Create,
    string TemplatePath,
    string? ParametersFile,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A change set's state and its resource-level changes.</summary>
internal sealed record ChangeSetDescription(ChangeSetArn Arn, string Status, string? StatusReason, string? ExecutionStatus, IReadOnlyList<ResourceChange> Changes)
{
    public bool Pending => Status is "CREATE_PENDING" or "CREATE_IN_PROGRESS";

    /// <summary>CloudFormation refuses an empty change set with one of these reasons: that is "no changes", not a failure.</summary>
    public bool IsEmpty => Status == "FAILED" && StatusReason is { } reason
        && (reason.Contains("didn't contain changes", StringComparison.Ordinal) || reason.Contains("No updates are to be performed", StringComparison.Ordinal));
}

/// <summary>One resource a change set would add, modify or remove.</summary>
internal sealed record ResourceChange(string Action, string LogicalId, string ResourceType, string? Replacement);

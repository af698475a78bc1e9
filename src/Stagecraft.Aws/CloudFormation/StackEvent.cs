namespace Stagecraft.Aws.CloudFormation;

/// <summary>One resource event, as 'describe-stack-events' lists it.</summary>
internal sealed record StackEvent(string EventId, DateTimeOffset Timestamp, string LogicalId, string ResourceType, string Status, string? Reason)
{
    public bool IsFailure => Status.EndsWith("_FAILED", StringComparison.Ordinal);
}

namespace Stagecraft.Aws.CloudFormation;

/// <summary>A stack's state and outputs.</summary>
internal sealed record StackDescription(string StackId, StackName Name, string Status, string? StatusReason, IReadOnlyDictionary<string, string> Outputs)
{
    public bool InProgress => StackStatus.InProgress(Status);
}

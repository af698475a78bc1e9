namespace Stagecraft.Aws.CloudFormation;

/// <summary>One resource a change set would add, modify or remove.</summary>
internal sealed record ResourceChange(string Action, string LogicalId, string ResourceType, string? Replacement);

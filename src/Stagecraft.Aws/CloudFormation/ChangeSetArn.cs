namespace Stagecraft.Aws.CloudFormation;

/// <summary>The ARN of a change set; describe/execute/delete take it without the stack name.</summary>
internal readonly record struct ChangeSetArn(string Value)
{
    public override string ToString() => Value;
}

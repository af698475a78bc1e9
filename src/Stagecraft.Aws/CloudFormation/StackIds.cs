namespace Stagecraft.Aws.CloudFormation;

/// <summary>A stack's name as CloudFormation knows it.</summary>
internal readonly record struct StackName(string Value)
{
    public override string ToString() => Value;
}

/// <summary>The ARN of a change set; describe/execute/delete take it without the stack name.</summary>
internal readonly record struct ChangeSetArn(string Value)
{
    public override string ToString() => Value;
}

namespace Stagecraft.Aws.CloudFormation;

/// <summary>A stack's name as CloudFormation knows it.</summary>
internal readonly record struct StackName(string Value)
{
    public override string ToString() => Value;
}

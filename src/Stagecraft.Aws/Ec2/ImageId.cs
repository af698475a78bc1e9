namespace Stagecraft.Aws.Ec2;

/// <summary>An AMI id (ami-…).</summary>
internal readonly record struct ImageId(string Value)
{
    public override string ToString() => Value;
}

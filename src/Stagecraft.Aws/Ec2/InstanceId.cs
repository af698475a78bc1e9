namespace Stagecraft.Aws.Ec2;

/// <summary>An EC2 instance id (i-…).</summary>
internal readonly record struct InstanceId(string Value)
{
    public override string ToString() => Value;
}

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A CodeDeploy deployment id (d-…).</summary>
internal readonly record struct DeploymentId(string Value)
{
    public override string ToString() => Value;
}

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A CodeDeploy deployment id (d-…).</summary>
internal readonly record struct DeploymentId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A blue/green deployment group that copies the Auto Scaling group for each deployment.</summary>
internal sealed record DeploymentGroupSpec(
    string Application,
    string Group,
    string ServiceRoleArn,
    string AutoScalingGroup,
    string TargetGroup,
    string DeploymentConfig,
    int TerminationWaitMinutes);

/// <summary>What to deploy: an S3 bundle or a GitHub commit.</summary>
internal abstract record Revision
{
    public sealed record S3(string Bucket, string Key, string BundleType) : Revision;

    public sealed record GitHub(string Repository, string CommitId) : Revision;
}

/// <summary>A deployment's state as polled.</summary>
internal sealed record DeploymentInfo(
    DeploymentId Id,
    string Status,
    string? ErrorCode,
    string? ErrorMessage,
    string Progress,
    IReadOnlyList<string> GreenAutoScalingGroups)
{
    public bool Finished => Status is "Succeeded" or "Failed" or "Stopped";

    public bool Succeeded => Status == "Succeeded";
}

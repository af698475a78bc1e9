namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A blue/green deployment group that copies the Auto Scaling group for each deployment.</summary>
internal sealed record DeploymentGroupSpec(
    string Application,
    string Group,
    string ServiceRoleArn,
    string AutoScalingGroup,
    string TargetGroup,
    string DeploymentConfig,
    int TerminationWaitMinutes);

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A blue/green deployment group that copies the Auto Scaling group for each deployment.</summary>
internal sealed record DeploymentGroupSpec(
    string Application,
    string Group,
    string ServiceRoleArn,
    string AutoScalingGroup,
    string TargetGroup,
    string DeploymentConfig,
    int TerminationWaitMinutes)
{
    /// <summary>The launch template the fleet runs at $Latest; null when the Auto Scaling group is made elsewhere.</summary>
    public FleetSpec? Fleet { get; init; }

    /// <summary>What differs between these settings and the group as it is, one line each; empty when in step.</summary>
    public IReadOnlyList<string> DifferencesFrom(DeploymentGroupState current)
    {
        var differences = new List<string>();
        Compare("service role", current.ServiceRoleArn, ServiceRoleArn);
        Compare("deployment config", current.DeploymentConfig, DeploymentConfig);
        Compare("target group", string.Join(",", current.TargetGroups), TargetGroup);
        Compare("termination wait (minutes)", current.TerminationWaitMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture), TerminationWaitMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("deployment type", current.DeploymentType, "BLUE_GREEN");
        Compare("green fleet", current.GreenFleetAction, "COPY_AUTO_SCALING_GROUP");
        Compare("automatic rollback", current.AutoRollback ? "on" : "off", "on");
        return differences;

        void Compare(string what, string? now, string wanted)
        {
            if (!string.Equals(now ?? "", wanted, StringComparison.Ordinal))
            {
                differences.Add($"{what}: {(string.IsNullOrEmpty(now) ? "(none)" : now)} -> {wanted}");
            }
        }
    }
}

/// <summary>The first Auto Scaling group, made by the stage from a launch template (outside any stack, as CodeDeploy replaces it on every release).</summary>
internal sealed record FleetSpec(string LaunchTemplate, int MinSize, int MaxSize, IReadOnlyList<string> Subnets, string? TargetGroupArn, int HealthCheckGraceSeconds);

/// <summary>A deployment group as CodeDeploy has it now.</summary>
internal sealed record DeploymentGroupState(
    string? ServiceRoleArn,
    string? DeploymentConfig,
    IReadOnlyList<string> TargetGroups,
    int? TerminationWaitMinutes,
    string? DeploymentType,
    string? GreenFleetAction,
    bool AutoRollback,
    IReadOnlyList<string> AutoScalingGroups);

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A codedeploy stage's resolved settings.</summary>
internal sealed record CodeDeploySettings(DeploymentGroupSpec Group, Revision Revision, string Description, TimeSpan Timeout)
{
    public static CodeDeploySettings Read(StageContext context)
    {
        var settings = context.Settings;
        var group = new DeploymentGroupSpec(
            settings.RequiredString("application"),
            settings.RequiredString("deployment_group"),
            settings.RequiredString("service_role_arn"),
            settings.RequiredString("auto_scaling_group"),
            settings.RequiredString("target_group"),
            settings.String("deployment_config") ?? "CodeDeployDefault.AllAtOnce",
            settings.Integer("termination_wait_minutes") ?? 5)
        {
            Fleet = ReadFleet(context),
        };
        var revision = settings.Map("revision") ?? throw new StageFailedException($"stage '{context.Stage}' has no 'revision'");
        Revision parsed = (revision.String("bucket"), revision.String("repository")) switch
        {
            ({ } bucket, null) => new Revision.S3(bucket, revision.RequiredString("key"), revision.String("bundle_type") ?? "zip"),
            (null, { } repository) => new Revision.GitHub(repository, revision.RequiredString("commit_id")),
            _ => throw new StageFailedException($"'revision' of stage '{context.Stage}' must give either bucket + key (an S3 bundle) or repository + commit_id (GitHub)"),
        };
        var description = settings.String("description") ?? $"stagecraft {context.Project}/{context.Environment.Name}/{context.Stage} run {context.RunId}";
        return new CodeDeploySettings(group, parsed, description, settings.Duration("timeout") ?? TimeSpan.FromHours(1));
    }

    private static FleetSpec? ReadFleet(StageContext context)
    {
        if (context.Settings.String("launch_template") is not { } template)
        {
            return null;
        }

        var fleet = context.Settings.Map("fleet")
            ?? throw new StageFailedException($"stage '{context.Stage}' names a launch_template but no 'fleet' (min_size, max_size, subnets) to make its first Auto Scaling group from");
        var subnets = fleet.RequiredString("subnets").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var min = fleet.Integer("min_size") ?? 1;
        var max = fleet.Integer("max_size") ?? Math.Max(min, 1);
        if (subnets.Length == 0 || min < 0 || max < min)
        {
            throw new StageFailedException($"'fleet' of stage '{context.Stage}' needs at least one subnet and 0 <= min_size <= max_size (it has {min}..{max}, {subnets.Length} subnets)");
        }

        return new FleetSpec(template, min, max, subnets, fleet.String("target_group_arn"), fleet.Integer("health_check_grace_seconds") ?? 300);
    }
}

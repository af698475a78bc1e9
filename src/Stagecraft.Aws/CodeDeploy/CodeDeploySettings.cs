using Stagecraft.Core.Kinds;

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
            settings.Integer("termination_wait_minutes") ?? 5);
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
}

namespace Stagecraft.Aws.CodeDeploy;

/// <summary>
/// A CodeDeploy blue/green deployment of one revision to EC2: keeps application, group and fleet
/// in step with the settings, waits for any active deployment, deploys, and cleans up a failed green fleet.
/// </summary>
internal sealed class CodeDeployKind : StageKind, IDriftCheck
{
    public const string KindName = "codedeploy";

    private static readonly KindSchema FleetSchema = new(
        new FieldSpec("min_size", FieldType.Integer, "instances at least (default 1; also the first fleet's desired capacity)"),
        new FieldSpec("max_size", FieldType.Integer, "instances at most (default min_size)"),
        new FieldSpec("subnets", FieldType.String, "the subnets, comma-separated (e.g. a stack output)", Required: true),
        new FieldSpec("target_group_arn", FieldType.String, "the target group's ARN, so the fleet registers and uses ELB health checks"),
        new FieldSpec("health_check_grace_seconds", FieldType.Integer, "ELB health check grace period (default 300)"));

    private static readonly KindSchema RevisionSchema = new(
        new FieldSpec("bucket", FieldType.String, "S3 bucket of the bundle"),
        new FieldSpec("key", FieldType.String, "S3 key of the bundle"),
        new FieldSpec("bundle_type", FieldType.String, "zip, tar or tgz (default zip)") { Allowed = ["zip", "tar", "tgz"] },
        new FieldSpec("repository", FieldType.String, "GitHub owner/repository"),
        new FieldSpec("commit_id", FieldType.String, "the commit to deploy, e.g. ${os:COMMIT_SHA}"));

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "CodeDeploy blue/green deployment of a revision (S3 bundle or GitHub commit) to an Auto Scaling group";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["deployment_id", "application", "deployment_group"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("application", FieldType.String, "the CodeDeploy application (created when missing)", Required: true),
        new FieldSpec("deployment_group", FieldType.String, "the deployment group (created blue/green when missing, updated when its settings differ)", Required: true),
        new FieldSpec("service_role_arn", FieldType.String, "the role CodeDeploy acts as", Required: true),
        new FieldSpec("auto_scaling_group", FieldType.String, "the Auto Scaling group the first green fleet copies (made by the stage when launch_template is given)", Required: true),
        new FieldSpec("launch_template", FieldType.String, "the launch template's name: the stage makes the first Auto Scaling group from it and keeps every fleet on its $Latest"),
        new FieldSpec("fleet", FieldType.Object, "with launch_template: min_size, max_size, subnets, target_group_arn, health_check_grace_seconds") { Nested = FleetSchema },
        new FieldSpec("target_group", FieldType.String, "the load balancer target group name", Required: true),
        new FieldSpec("revision", FieldType.Object, "bucket + key (+ bundle_type), or repository + commit_id", Required: true) { Nested = RevisionSchema },
        new FieldSpec("deployment_config", FieldType.String, "default CodeDeployDefault.AllAtOnce"),
        new FieldSpec("termination_wait_minutes", FieldType.Integer, "how long blue instances live after a swap (default 5)"),
        new FieldSpec("description", FieldType.String, "the deployment's description"),
        new FieldSpec("timeout", FieldType.Duration, "how long to wait for the deployment (default 1h)"));

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) => CodeDeployDrift.CheckAsync(context, cancellationToken);

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var settings = CodeDeploySettings.Read(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = new StageDeadline(settings.Timeout, context.Time, cancellationToken);
        var info = await deadline.RunAsync("the deployment", ct => new DeploymentRunner(aws.CodeDeploy, aws.AutoScaling, context, aws.PollInterval).RunAsync(settings, ct))
            .ConfigureAwait(false);
        return StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["deployment_id"] = new(info.Id.Value),
            ["application"] = new(settings.Group.Application),
            ["deployment_group"] = new(settings.Group.Group),
        });
    }
}

namespace Stagecraft.Aws.Targets;

/// <summary>What every AWS kind shares: the optional per-stage 'region' and the environment in it.</summary>
internal static class AwsStage
{
    public static FieldSpec Region { get; } = new("region", FieldType.String,
        "this stage's AWS region when it is not the environment's, e.g. us-east-1 for a CloudFront certificate; ${region} and ${ssm:…} in the stage resolve there");

    /// <summary>The environment in the stage's own region (its 'region' setting), else the environment's.</summary>
    public static AwsEnvironment Environment(StageContext context) =>
        context.Require<AwsEnvironment>().InRegion(context.Settings.String("region"));

    /// <summary>As <see cref="Environment"/> for kinds that also run without the aws target.</summary>
    public static AwsEnvironment? Optional(StageContext context) =>
        (context.Services.GetService(typeof(AwsEnvironment)) as AwsEnvironment)?.InRegion(context.Settings.String("region"));
}

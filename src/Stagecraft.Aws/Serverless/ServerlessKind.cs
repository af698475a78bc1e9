using Stagecraft.Aws.CloudFormation;

namespace Stagecraft.Aws.Serverless;

/// <summary>
/// 'serverless deploy' of one service with the stage's params; outputs come from the service's
/// CloudFormation stack (&lt;service&gt;-&lt;stage&gt;).
/// </summary>
internal sealed class ServerlessKind : StageKind, IDriftCheck
{
    public const string KindName = "serverless";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "deploys a Serverless Framework service; its stack outputs become stage outputs";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("service_dir", FieldType.Path, "the directory holding serverless.yml", Required: true),
        new FieldSpec("stage", FieldType.String, "the Serverless stage (default: the environment's name)"),
        new FieldSpec("params", FieldType.StringMap, "values passed as --param name=value (read in serverless.yml as ${param:name})"),
        new FieldSpec("stack_name", FieldType.String, "the stack to read outputs from (default: <service>-<stage>)"),
        new FieldSpec("timeout", FieldType.Duration, "stop the deploy after this long (default 30m)"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings["service_dir"] is ConfigScalar dir && !dir.Text.Contains("${", StringComparison.Ordinal)
            && ServiceFile.Find(Path.GetFullPath(dir.Text, context.Project.Directory)) is null)
        {
            context.Diagnostics.Add(dir.TextLocation, $"stage '{stage.Name}': '{dir.Text}' has no serverless.yml", "point 'service_dir' at the directory holding the service's serverless.yml (relative to the project file)");
        }
    }

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) =>
        settings.String("service_dir") is { } dir ? [$"{dir}/**", $"!{dir}/node_modules/**", $"!{dir}/.serverless/**"] : [];

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        RefuseEndpoints(aws, "deploy");
        var (directory, stage, stack) = Read(context);
        ArgvSecrets.Refuse(context.Settings, "params", "--param", "read the secret inside the service instead, e.g. a serverless.yml '${ssm:/path/to/parameter}' variable, and pass only its name in 'params'");
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);

        var args = new List<string> { "deploy", "--stage", stage, "--region", aws.Region };
        foreach (var (name, value) in context.Settings.ScalarMap("params") ?? [])
        {
            args.AddRange(["--param", $"{name}={value.Value}"]);
        }

        var timeout = context.Settings.Duration("timeout") ?? TimeSpan.FromMinutes(30);
        context.Log.Line($"$ serverless deploy --stage {stage} --region {aws.Region}{(args.Count > 5 ? " --param …" : "")}");
        context.Log.Status("serverless deploy");
        var result = await aws.Tools.RunAsync(new ToolRun(Tool.Serverless, args) { WorkingDirectory = directory, Timeout = timeout }, context.Log, cancellationToken).ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(result, "serverless deploy", context.Log, timeout);

        var description = await aws.CloudFormation.DescribeStackAsync(stack, cancellationToken).ConfigureAwait(false)
            ?? throw new StageFailedException($"serverless deploy succeeded but stack {stack} does not exist", hint: "set 'stack_name' to the stack the service deploys");
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal) { ["stack_name"] = new(stack.Value) };
        foreach (var (key, value) in description.Outputs)
        {
            outputs[key] = new OutputValue(value);
        }

        return StageOutcome.Done(outputs);
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        var recorded = context.Previous?.Outputs.GetValueOrDefault("stack_name")?.Value;
        var stack = recorded is null ? Read(context).Stack : new StackName(recorded);
        return StackDriftCheck.CheckAsync(AwsStage.Environment(context), [stack], new Dictionary<string, string>(), context.Time, cancellationToken);
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        RefuseEndpoints(aws, "remove");
        var (directory, stage, _) = Read(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var result = await aws.Tools.RunAsync(new ToolRun(Tool.Serverless, ["remove", "--stage", stage, "--region", aws.Region]) { WorkingDirectory = directory }, context.Log, cancellationToken)
            .ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(result, "serverless remove", context.Log);
    }

    /// <summary>
    /// Serverless Framework v3 cannot be pointed at another endpoint: it would deploy to the real
    /// AWS account of the credentials while every other stage talks to the emulator.
    /// </summary>
    private static void RefuseEndpoints(AwsEnvironment aws, string action)
    {
        if (aws.Endpoints.Any)
        {
            throw new StageFailedException($"{AwsErrorCode.EndpointUnsupported}: serverless {action} cannot be sent to the environment's endpoint_url/endpoints (Serverless Framework v3 has no setting for it), and would reach AWS itself",
                hint: "deploy this service in an environment without endpoint_url, or deploy the other stages alone against an emulator");
        }
    }

    private static (string Directory, string Stage, StackName Stack) Read(StageContext context)
    {
        var directory = context.ResolvePath(context.Settings.Scalar("service_dir") ?? throw new StageFailedException($"stage '{context.Stage}' has no 'service_dir'"));
        var file = ServiceFile.Find(directory) ?? throw new StageFailedException($"'{Path.GetRelativePath(context.ProjectDirectory, directory)}' has no serverless.yml");
        var stage = context.Settings.String("stage") ?? context.Environment.Name;
        var stack = context.Settings.String("stack_name")
            ?? (ServiceFile.ServiceName(file) is { } service ? $"{service}-{stage}" : null)
            ?? throw new StageFailedException($"the service name in {Path.GetFileName(file)} cannot be read without running the framework", hint: "set 'stack_name' on the stage");
        return (directory, stage, new StackName(stack));
    }
}

using Stagecraft.Aws.CloudFormation;

namespace Stagecraft.Aws.Cdk;

/// <summary>
/// 'cdk deploy' of the listed stacks with --outputs-file; each stack output becomes a stage
/// output (KEY, and STACK-KEY when two stacks share a key).
/// </summary>
internal sealed class CdkKind : StageKind, IDriftCheck
{
    public const string KindName = "cdk";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "deploys CDK stacks with 'cdk deploy'; stack outputs become stage outputs";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("app_dir", FieldType.Path, "the CDK app's directory (with cdk.json)", Required: true),
        new FieldSpec("stacks", FieldType.StringList, "the stacks to deploy, e.g. [\"ElectionApp-Infra\"]", Required: true),
        new FieldSpec("context", FieldType.StringMap, "values passed as --context name=value"),
        new FieldSpec("timeout", FieldType.Duration, "stop the deploy after this long (default 1h)"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings["app_dir"] is ConfigScalar dir && !dir.Text.Contains("${", StringComparison.Ordinal)
            && !File.Exists(Path.Combine(Path.GetFullPath(dir.Text, context.Project.Directory), "cdk.json")))
        {
            context.Diagnostics.Add(dir.TextLocation, $"stage '{stage.Name}': '{dir.Text}' has no cdk.json", "point 'app_dir' at the directory holding the CDK app's cdk.json (relative to the project file)");
        }
    }

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) =>
        settings.String("app_dir") is { } dir ? [$"{dir}/**", $"!{dir}/cdk.out/**", $"!{dir}/node_modules/**"] : [];

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var directory = context.ResolvePath(context.Settings.Scalar("app_dir")!);
        var stacks = context.Settings.StringList("stacks") ?? [];
        ArgvSecrets.Refuse(context.Settings, "context", "--context", "read the secret inside the app instead, e.g. ssm.StringParameter.valueForStringParameter or a SecretValue, and pass only its name in 'context'");
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(context.StageDirectory);
        var outputsFile = Path.Combine(context.StageDirectory, "cdk-outputs.json");
        File.Delete(outputsFile);
        List<string> args = ["deploy", .. stacks, "--require-approval", "never", "--outputs-file", outputsFile];
        foreach (var (name, value) in context.Settings.ScalarMap("context") ?? [])
        {
            args.AddRange(["--context", $"{name}={value.Value}"]);
        }

        var timeout = context.Settings.Duration("timeout") ?? TimeSpan.FromHours(1);
        context.Log.Line($"$ cdk deploy {string.Join(' ', stacks)} --require-approval never");
        context.Log.Status("cdk deploy");
        var result = await aws.Tools.RunAsync(new ToolRun(Tool.Cdk, args) { WorkingDirectory = directory, Timeout = timeout }, context.Log, cancellationToken).ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(result, "cdk deploy", context.Log, timeout);
        return StageOutcome.Done(File.Exists(outputsFile) ? Outputs(await File.ReadAllTextAsync(outputsFile, cancellationToken).ConfigureAwait(false)) : new Dictionary<string, OutputValue>());
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        var stacks = context.Settings.StringList("stacks") ?? [];
        return stacks.Count == 0
            ? Task.FromResult<DriftResult>(new DriftResult.Unchecked("no 'stacks' listed, so which stacks the app made is not known; list them to have them checked"))
            : StackDriftCheck.CheckAsync(AwsStage.Environment(context), stacks.Select(s => new StackName(s)).ToList(), new Dictionary<string, string>(), context.Time, cancellationToken);
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var directory = context.ResolvePath(context.Settings.Scalar("app_dir")!);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var result = await aws.Tools.RunAsync(new ToolRun(Tool.Cdk, ["destroy", .. context.Settings.StringList("stacks") ?? [], "--force"]) { WorkingDirectory = directory },
            context.Log, cancellationToken).ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(result, "cdk destroy", context.Log);
    }

    // The file is { "Stack": { "Key": "Value" } }.
    internal static Dictionary<string, OutputValue> Outputs(string json)
    {
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        var pairs = document.RootElement.EnumerateObject()
            .SelectMany(stack => stack.Value.EnumerateObject().Select(o => (Stack: stack.Name, Key: o.Name, Value: o.Value.ToString())))
            .ToList();
        foreach (var pair in pairs)
        {
            counts[pair.Key] = counts.GetValueOrDefault(pair.Key) + 1;
        }

        foreach (var (stack, key, value) in pairs)
        {
            outputs[$"{stack}-{key}"] = new OutputValue(value);
            if (counts[key] == 1)
            {
                outputs[key] = new OutputValue(value);
            }
        }

        return outputs;
    }
}

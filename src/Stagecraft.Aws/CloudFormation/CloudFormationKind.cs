namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// A CloudFormation stack from a template: change set → show → execute → stream events →
/// outputs. "No changes" is success; a failure names each failed resource and AWS's reason.
/// </summary>
internal sealed class CloudFormationKind : StageKind, IDriftCheck
{
    public const string KindName = "cloudformation";
    public const string TemplateKey = "template";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "a CloudFormation stack deployed through a change set; stack outputs become stage outputs";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    // CloudFormation's API limits are per account: three stacks at once keeps clear of them.
    public override int? MaxConcurrency => 3;

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec(TemplateKey, FieldType.Path, "the template file (YAML or JSON), e.g. templates/common.yml", Required: true),
        new FieldSpec("stack_name", FieldType.String, "the stack's name (default: <project>-<environment>-<stage>)"),
        new FieldSpec("parameters", FieldType.StringMap, "template parameters; checked against the template's Parameters by 'validate'"),
        new FieldSpec("capabilities", FieldType.StringList, "default: CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND"),
        new FieldSpec("tags", FieldType.StringMap, "stack tags, added to stagecraft:project/environment/stage"),
        new FieldSpec("recreate_failed", FieldType.Boolean, "delete and re-create a stack left in ROLLBACK_COMPLETE by a failed create (default false)"),
        new FieldSpec("publish_outputs", FieldType.String, "an SSM path prefix, e.g. /imaging/${environment}/common/: each output is written under it"),
        new FieldSpec("timeout", FieldType.Duration, "how long to wait for the stack (default 1h)"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings[TemplateKey] is not ConfigScalar template || template.Text.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        var path = Path.GetFullPath(template.Text, context.Project.Directory);
        if (!File.Exists(path))
        {
            context.Diagnostics.Add(template.TextLocation, $"stage '{stage.Name}': template '{template.Text}' does not exist", "point 'template' at the template file (relative to the project file)");
            return;
        }

        IReadOnlyList<TemplateParameter> parameters;
        try
        {
            parameters = CfnTemplate.ReadParameters(path);
        }
        catch (InvalidDataException ex)
        {
            context.Diagnostics.Add(template.TextLocation, $"stage '{stage.Name}': template '{template.Text}' cannot be read: {ex.Message}", "fix the template's JSON or YAML");
            return;
        }

        ParameterCheck.Check(stage, template.Text, parameters, context.Diagnostics);
    }

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) =>
        settings.String(TemplateKey) is { } template ? [template] : [];

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var settings = CloudFormationSettings.Read(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = new StageDeadline(settings.Timeout, context.Time, cancellationToken);
        var stack = await deadline.RunAsync($"stack {settings.Stack}", ct => new StackDeployer(aws, context, settings).DeployAsync(ct)).ConfigureAwait(false);

        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["stack_name"] = new(stack.Name.Value),
            ["stack_id"] = new(stack.StackId),
        };
        foreach (var (key, value) in stack.Outputs)
        {
            outputs[key] = new OutputValue(value);
        }

        if (settings.PublishPrefix is { } prefix)
        {
            // Published in the environment's region, where ${ssm:…} of the other stages reads them, whatever the stack's region.
            var home = context.Require<AwsEnvironment>();
            foreach (var (key, value) in stack.Outputs)
            {
                await home.Parameters.PutAsync(prefix + key, value, secure: false, cancellationToken).ConfigureAwait(false);
            }

            context.Log.Line($"# published {stack.Outputs.Count} output(s) to SSM under {prefix}");
        }

        return StageOutcome.Done(outputs);
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var settings = CloudFormationSettings.ReadForDestroy(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = new StageDeadline(settings.Timeout, context.Time, cancellationToken);
        await deadline.RunAsync($"stack {settings.Stack} to delete", async ct =>
        {
            await new StackDeployer(aws, context, settings).DestroyAsync(ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

        if (settings.PublishPrefix is { } prefix)
        {
            var home = context.Require<AwsEnvironment>();
            foreach (var entry in await home.Parameters.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                await home.Parameters.DeleteAsync(entry.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        var stack = CloudFormationSettings.ReadForDestroy(context).Stack;
        var recorded = context.Previous?.Outputs.GetValueOrDefault("stack_id")?.Value ?? "";
        return StackDriftCheck.CheckAsync(AwsStage.Environment(context), [stack], new Dictionary<string, string> { [stack.Value] = recorded }, context.Time, cancellationToken);
    }

    public override Task<RemoteChanges?> DescribeRemoteChangesAsync(StageContext context, CancellationToken cancellationToken) =>
        DescribeAsync(context, cancellationToken);

    private static async Task<RemoteChanges?> DescribeAsync(StageContext context, CancellationToken cancellationToken) =>
        await RemoteChangeSet.DescribeAsync(AwsStage.Environment(context), context, cancellationToken).ConfigureAwait(false);
}

namespace Stagecraft.Aws.ImageBuilder;

/// <summary>
/// Runs an EC2 Image Builder pipeline once per change of the stage and outputs the AMI it made.
/// A build in progress is remembered in stage data, so a run that crashed waits for that build
/// instead of starting a second one; Ctrl-C or the timeout cancels the build.
/// </summary>
internal sealed class ImageBuilderKind : StageKind
{
    public const string KindName = "imagebuilder";
    public const string BuildDataKey = "image_build";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "runs an EC2 Image Builder pipeline and outputs the AMI it distributed to this region";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["image_id", "image_build_version_arn", "image_name"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("pipeline_arn", FieldType.String, "the image pipeline to run, e.g. ${stages.images.outputs.PipelineArn}", Required: true),
        new FieldSpec("image_region", FieldType.String, "whose AMI to output when the pipeline distributes to several regions (default: the stage's region)"),
        new FieldSpec("timeout", FieldType.Duration, "how long the build may take (default 2h)"));

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var pipeline = context.Settings.RequiredString("pipeline_arn");
        var region = context.Settings.String("image_region") ?? aws.Region;
        var timeout = context.Settings.Duration("timeout") ?? TimeSpan.FromHours(2);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var builder = aws.ImageBuilder;

        // One token per run and fingerprint: a retried start (lost reply) returns the same build.
        var token = $"sc-{context.RunId}-{context.Fingerprint[..Math.Min(16, context.Fingerprint.Length)]}";
        var arn = await context.GetDataAsync(BuildDataKey, cancellationToken).ConfigureAwait(false);
        if (arn is { Length: > 0 })
        {
            context.Log.Line($"# an earlier run started build {arn}: waiting for it instead of starting another");
        }
        else
        {
            context.Log.Status("starting the image pipeline");
            arn = await builder.StartPipelineAsync(pipeline, token, cancellationToken).ConfigureAwait(false);
            await context.SetDataAsync(BuildDataKey, arn, CancellationToken.None).ConfigureAwait(false);
            context.Log.Line($"# started {pipeline}: build {arn}");
        }

        ImageBuild build;
        using (var deadline = new StageDeadline(timeout, context.Time, cancellationToken))
        {
            try
            {
                build = await deadline.RunAsync($"image build {arn}", ct => WaitAsync(builder, arn, aws.PollInterval, context, ct)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || (ex is StageFailedException failed && failed.Message.StartsWith(AwsErrorCode.TimedOut, StringComparison.Ordinal)))
            {
                await CancelAsync(builder, arn, token, context).ConfigureAwait(false);
                throw;
            }
        }

        await context.SetDataAsync(BuildDataKey, null, CancellationToken.None).ConfigureAwait(false);
        if (!build.IsAvailable)
        {
            throw new StageFailedException($"{AwsErrorCode.ImageBuildFailed}: image build {arn} ended {build.Status}", [build.Reason ?? "Image Builder gave no reason"],
                "the build's log is in the pipeline's infrastructure configuration (S3 or CloudWatch Logs); fix the recipe or components, then deploy again");
        }

        var ami = build.Amis.FirstOrDefault(a => a.Region == region)
            ?? throw new StageFailedException($"{AwsErrorCode.ImageBuildFailed}: image build {arn} distributed no AMI to {region}",
                [$"it distributed to: {(build.Amis.Count == 0 ? "nowhere" : string.Join(", ", build.Amis.Select(a => $"{a.Region} ({a.ImageId})")))}"],
                "add the region to the pipeline's distribution configuration, or set image_region");
        context.Log.Line($"# build {arn} is available: {ami.ImageId} in {ami.Region}");
        return StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["image_id"] = new(ami.ImageId),
            ["image_name"] = new(ami.Name ?? ""),
            ["image_build_version_arn"] = new(arn),
        });
    }

    /// <summary>The AMIs stay: they belong to the pipeline's lifecycle, not to this stage.</summary>
    public override Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        context.Log.Line("# nothing to destroy: the pipeline's images are kept (manage them with the pipeline's lifecycle policy)");
        return Task.CompletedTask;
    }

    private static async Task<ImageBuild> WaitAsync(IImageBuilder builder, string arn, TimeSpan interval, StageContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var build = await builder.GetImageAsync(arn, cancellationToken).ConfigureAwait(false);
            context.Log.Status($"image build: {build.Status}");
            if (build.HasEnded)
            {
                return build;
            }

            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CancelAsync(IImageBuilder builder, string arn, string token, StageContext context)
    {
        try
        {
            await builder.CancelAsync(arn, token + "-cancel", CancellationToken.None).ConfigureAwait(false);
            await context.SetDataAsync(BuildDataKey, null, CancellationToken.None).ConfigureAwait(false);
            context.Log.Line($"# cancelled image build {arn}");
        }
        catch (Exception ex) when (ex is AwsException or StageFailedException)
        {
            // Kept in stage data: the next run waits for it.
            context.Log.Line($"# could not cancel image build {arn}: {ex.Message}");
        }
    }
}

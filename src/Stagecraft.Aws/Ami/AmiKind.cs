using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Polling;
using Stagecraft.Aws.Targets;
using Stagecraft.Core.Config;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.Core.State;

namespace Stagecraft.Aws.Ami;

/// <summary>
/// A machine image built from a base image and user data. Idempotent: the image's name holds
/// the fingerprint, so an existing image with that name is reused instead of built again.
/// </summary>
internal sealed class AmiKind : StageKind, IDriftCheck
{
    public const string KindName = "ami";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "boots a base image with user data and makes an image of it; reruns reuse the image named by the fingerprint";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["image_id", "image_name"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("base_image", FieldType.String, "the AMI to start from, e.g. ${ssm:/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id}", Required: true),
        new FieldSpec("instance_type", FieldType.String, "the builder instance's type (default t3.small)"),
        new FieldSpec("user_data", FieldType.String, "the script the builder runs at boot"),
        new FieldSpec("user_data_file", FieldType.Path, "a file holding the user data, instead of 'user_data'"),
        new FieldSpec("subnet_id", FieldType.String, "where to launch the builder (default: the default VPC)"),
        new FieldSpec("security_group_ids", FieldType.StringList, "security groups of the builder"),
        new FieldSpec("instance_profile", FieldType.String, "an instance profile name for the builder"),
        new FieldSpec("timeout", FieldType.Duration, "how long the whole build may take (default 45m)"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings.Find("user_data") is not null && stage.Settings.Find("user_data_file") is { } file)
        {
            context.Diagnostics.Add(file.KeyLocation, $"stage '{stage.Name}' sets both 'user_data' and 'user_data_file'", "keep one");
        }
    }

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) =>
        settings.String("user_data_file") is { } file ? [file] : [];

    public async Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Previous?.Outputs.GetValueOrDefault("image_id")?.Value is not { Length: > 0 } recorded)
        {
            return new DriftResult.Unchecked("state recorded no image id");
        }

        var aws = AwsStage.Environment(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var image = await aws.Ec2.DescribeImageAsync(new ImageId(recorded), cancellationToken).ConfigureAwait(false);
        return image is null || image.State is "deregistered"
            ? new DriftResult.Gone($"image {recorded} does not exist (deregistered)")
            : image.IsAvailable ? DriftResult.Same
            : DriftResult.Differs($"image {recorded} is {image.State}{(image.StateReason is null ? "" : ": " + image.StateReason)}");
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var settings = AmiSettings.Read(context);
        var name = AmiSettings.ImageName(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var builder = new AmiBuilder(aws.Ec2, context, aws.PollInterval);
        await builder.CleanUpLeftoverAsync(cancellationToken).ConfigureAwait(false);

        using var deadline = new StageDeadline(settings.Timeout, context.Time, cancellationToken);
        var image = await deadline.RunAsync($"image {name}", async ct =>
        {
            var existing = await aws.Ec2.FindImageByNameAsync(name, ct).ConfigureAwait(false);
            if (existing is { IsAvailable: true })
            {
                context.Log.Line($"# image {existing.Id} ({name}) already exists: reusing it");
                return existing;
            }

            if (existing is { IsPending: true })
            {
                context.Log.Line($"# image {existing.Id} ({name}) is still being made: waiting for it");
                return await builder.WaitAvailableAsync(existing.Id, ct).ConfigureAwait(false);
            }

            if (existing is not null)
            {
                context.Log.Line($"# image {existing.Id} ({name}) is {existing.State}: deregistering it and building again");
                await aws.Ec2.DeregisterImageAsync(existing.Id, ct).ConfigureAwait(false);
            }

            return await builder.BuildAsync(name, settings, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        context.Log.Line($"# image {image.Id} is available");
        return StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["image_id"] = new(image.Id.Value),
            ["image_name"] = new(name),
        });
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        await new AmiBuilder(aws.Ec2, context, aws.PollInterval).CleanUpLeftoverAsync(cancellationToken).ConfigureAwait(false);
        var name = AmiSettings.ImageName(context);
        if (await aws.Ec2.FindImageByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } image)
        {
            await aws.Ec2.DeregisterImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
            context.Log.Line($"# deregistered image {image.Id} ({name}); its snapshots are kept");
        }
    }
}

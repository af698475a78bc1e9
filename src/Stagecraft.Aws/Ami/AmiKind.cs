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

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["image_id", "image_name", "base_image"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("base_image", FieldType.String, "the AMI to start from, e.g. ${ssm:/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id}"),
        new FieldSpec("base_image_filter", FieldType.Object, "instead of base_image: the newest available image { name: pattern with *, owners: [amazon, self, 123456789012] }") { Nested = FilterSchema },
        new FieldSpec("instance_type", FieldType.String, "the builder instance's type (default t3.small)"),
        new FieldSpec("user_data", FieldType.String, "the script the builder runs at boot"),
        new FieldSpec("user_data_file", FieldType.Path, "a file holding the user data, instead of 'user_data'"),
        new FieldSpec("subnet_id", FieldType.String, "where to launch the builder (default: the default VPC)"),
        new FieldSpec("security_group_ids", FieldType.StringList, "security groups of the builder"),
        new FieldSpec("instance_profile", FieldType.String, "an instance profile name for the builder"),
        new FieldSpec("ready_when", FieldType.String, "when to take the image: status_checks (default), stopped (the user data shuts the builder down), cloud_init (cloud-init has finished)") { Allowed = ReadyWhenText.Allowed },
        new FieldSpec("share_with", FieldType.Object, "who else may launch the image: { accounts: [...], organization_arn: arn:aws:organizations::…:organization/o-… }") { Nested = ShareSchema },
        new FieldSpec("timeout", FieldType.Duration, "how long the whole build may take (default 45m)"));

    private static KindSchema FilterSchema => new(
        new FieldSpec("name", FieldType.String, "the image name pattern, e.g. amzn2-ami-ecs-hvm-*-x86_64-ebs", Required: true),
        new FieldSpec("owners", FieldType.StringList, "owner account ids or aliases (amazon, self, aws-marketplace); default self"));

    private static KindSchema ShareSchema => new(
        new FieldSpec("accounts", FieldType.StringList, "account ids given launch permission"),
        new FieldSpec("organization_arn", FieldType.String, "an AWS Organizations ARN: every account of the organisation may launch the image"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (stage.Settings.Find("user_data") is not null && stage.Settings.Find("user_data_file") is { } file)
        {
            context.Diagnostics.Add(file.KeyLocation, $"stage '{stage.Name}' sets both 'user_data' and 'user_data_file'", "keep one");
        }

        var image = stage.Settings.Find("base_image");
        var filter = stage.Settings.Find("base_image_filter");
        if (image is not null && filter is not null)
        {
            context.Diagnostics.Add(filter.KeyLocation, $"stage '{stage.Name}' sets both 'base_image' and 'base_image_filter'", "keep one");
        }
        else if (image is null && filter is null)
        {
            context.Diagnostics.Add(stage.KindLocation, $"stage '{stage.Name}' has no base image", "set 'base_image' (an AMI id or ${ssm:…}) or 'base_image_filter: { name, owners }'");
        }

        if (stage.Settings.Find("share_with") is { Value: ConfigMap share } shareEntry && share.Find("accounts") is null && share.Find("organization_arn") is null)
        {
            context.Diagnostics.Add(shareEntry.KeyLocation, $"'share_with' of stage '{stage.Name}' names nobody", "give it 'accounts: [...]' and/or 'organization_arn'");
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
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var baseImage = settings.BaseImage ?? await FindBaseImageAsync(aws, settings.BaseImageFilter!, context, cancellationToken).ConfigureAwait(false);
        var name = AmiSettings.ImageName(context, settings.BaseImage is null ? baseImage : null);
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

            return await builder.BuildAsync(name, baseImage, settings, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        context.Log.Line($"# image {image.Id} is available");
        if (settings.ShareWith is { } share)
        {
            // Every run, also on reuse: adding a permission that exists changes nothing.
            await aws.Ec2.ShareImageAsync(image.Id, share.Accounts, share.OrganizationArn, cancellationToken).ConfigureAwait(false);
            context.Log.Line($"# shared {image.Id} with {string.Join(", ", share.Accounts.Concat(share.OrganizationArn is null ? [] : [share.OrganizationArn]))}");
        }

        return StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["image_id"] = new(image.Id.Value),
            ["image_name"] = new(name),
            ["base_image"] = new(baseImage),
        });
    }

    private static async Task<string> FindBaseImageAsync(AwsEnvironment aws, BaseImageFilter filter, StageContext context, CancellationToken cancellationToken)
    {
        var found = await aws.Ec2.FindNewestImageAsync(filter.Name, filter.Owners, cancellationToken).ConfigureAwait(false)
            ?? throw new StageFailedException($"{AwsErrorCode.AmiFailed}: no available image named '{filter.Name}' owned by {string.Join(", ", filter.Owners)}",
                hint: "check the pattern and owners with: aws ec2 describe-images --owners OWNER --filters Name=name,Values=PATTERN");
        context.Log.Line($"# base image {found.Id} ({found.Name}): the newest matching '{filter.Name}'");
        return found.Id.Value;
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        await new AmiBuilder(aws.Ec2, context, aws.PollInterval).CleanUpLeftoverAsync(cancellationToken).ConfigureAwait(false);
        // With a base image filter the name ends in the base image's id: state recorded it.
        var name = context.Previous?.Outputs.GetValueOrDefault("image_name")?.Value is { Length: > 0 } recorded ? recorded : AmiSettings.ImageName(context);
        if (await aws.Ec2.FindImageByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } image)
        {
            await aws.Ec2.DeregisterImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
            context.Log.Line($"# deregistered image {image.Id} ({name}); its snapshots are kept");
        }
    }
}

namespace Stagecraft.Aws.Ami;

/// <summary>An ami stage's resolved settings.</summary>
internal sealed record AmiSettings(
    string? BaseImage,
    BaseImageFilter? BaseImageFilter,
    string InstanceType,
    string UserData,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? InstanceProfile,
    ReadyWhen ReadyWhen,
    ImageSharing? ShareWith,
    TimeSpan Timeout)
{
    public static AmiSettings Read(StageContext context)
    {
        var settings = context.Settings;
        var userData = settings.Scalar("user_data_file") is { } file
            ? File.ReadAllText(context.ResolvePath(file))
            : settings.String("user_data") ?? "";
        var filter = settings.Map("base_image_filter") is { } f
            ? new BaseImageFilter(f.RequiredString("name"), f.StringList("owners") ?? ["self"])
            : null;
        var share = settings.Map("share_with") is { } s
            ? new ImageSharing(s.StringList("accounts") ?? [], s.String("organization_arn"))
            : null;
        return new AmiSettings(
            settings.String("base_image"),
            filter,
            settings.String("instance_type") ?? "t3.small",
            userData,
            settings.String("subnet_id"),
            settings.StringList("security_group_ids") ?? [],
            settings.String("instance_profile"),
            ReadyWhenText.Parse(settings.String("ready_when")),
            share is { Accounts.Count: 0, OrganizationArn: null } ? null : share,
            settings.Duration("timeout") ?? TimeSpan.FromMinutes(45));
    }

    /// <summary>
    /// The image's name holds the fingerprint, so a rerun finds and reuses it. A base image chosen
    /// by filter is only known when the stage runs, so its id ends the name: a newer base image
    /// makes a new image the next time the stage runs.
    /// </summary>
    public static string ImageName(StageContext context, string? filteredBase = null) =>
        $"{context.Project}-{context.Environment.Name}-{context.Stage}-{context.Fingerprint[..Math.Min(12, context.Fingerprint.Length)]}"
        + (filteredBase is null ? "" : "-" + filteredBase);
}

/// <summary>The newest available image whose name matches <see cref="Name"/> (wildcards allowed) among these owners.</summary>
internal sealed record BaseImageFilter(string Name, IReadOnlyList<string> Owners);

/// <summary>Who may launch the image besides its owner.</summary>
internal sealed record ImageSharing(IReadOnlyList<string> Accounts, string? OrganizationArn);

/// <summary>When the builder is ready to be imaged.</summary>
internal enum ReadyWhen
{
    /// <summary>Running with both status checks passed (user data may still be running).</summary>
    StatusChecks,

    /// <summary>Stopped: the user data ends by shutting the builder down.</summary>
    Stopped,

    /// <summary>cloud-init reports on the console that it has finished (the user data has run).</summary>
    CloudInit,
}

internal static class ReadyWhenText
{
    public static readonly string[] Allowed = ["status_checks", "stopped", "cloud_init"];

    public static ReadyWhen Parse(string? text) => text switch
    {
        null or "status_checks" => ReadyWhen.StatusChecks,
        "stopped" => ReadyWhen.Stopped,
        "cloud_init" => ReadyWhen.CloudInit,
        _ => throw new StageFailedException($"unknown ready_when '{text}'", hint: "use one of: " + string.Join(", ", Allowed)),
    };
}

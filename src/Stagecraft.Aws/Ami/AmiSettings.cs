using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Ami;

/// <summary>An ami stage's resolved settings.</summary>
internal sealed record AmiSettings(
    string BaseImage,
    string InstanceType,
    string UserData,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? InstanceProfile,
    TimeSpan Timeout)
{
    public static AmiSettings Read(StageContext context)
    {
        var settings = context.Settings;
        var userData = settings.Scalar("user_data_file") is { } file
            ? File.ReadAllText(context.ResolvePath(file))
            : settings.String("user_data") ?? "";
        return new AmiSettings(
            settings.RequiredString("base_image"),
            settings.String("instance_type") ?? "t3.small",
            userData,
            settings.String("subnet_id"),
            settings.StringList("security_group_ids") ?? [],
            settings.String("instance_profile"),
            settings.Duration("timeout") ?? TimeSpan.FromMinutes(45));
    }

    /// <summary>The image's name holds the fingerprint, so a rerun finds and reuses it.</summary>
    public static string ImageName(StageContext context) =>
        $"{context.Project}-{context.Environment.Name}-{context.Stage}-{context.Fingerprint[..Math.Min(12, context.Fingerprint.Length)]}";
}

namespace Stagecraft.Aws.CloudFormation;

/// <summary>A cloudformation stage's resolved settings.</summary>
internal sealed record CloudFormationSettings(
    StackName Stack,
    string TemplatePath,
    IReadOnlyList<KeyValuePair<string, ResolvedScalar>> Parameters,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string> Tags,
    bool RecreateFailed,
    string? PublishPrefix,
    TimeSpan Timeout)
{
    public static readonly string[] DefaultCapabilities = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"];

    public static CloudFormationSettings Read(StageContext context) => Read(context, requireTemplate: true);

    /// <summary>Destroy needs only the stack's name: the template may be gone from the project already.</summary>
    public static CloudFormationSettings ReadForDestroy(StageContext context) => Read(context, requireTemplate: false);

    private static CloudFormationSettings Read(StageContext context, bool requireTemplate)
    {
        var settings = context.Settings;
        var templateSetting = settings.Scalar(CloudFormationKind.TemplateKey);
        var template = templateSetting is null ? "" : context.ResolvePath(templateSetting);
        if (requireTemplate && !File.Exists(template))
        {
            throw new StageFailedException($"template '{(templateSetting is null ? "" : templateSetting.Value)}' of stage '{context.Stage}' does not exist");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["stagecraft:project"] = context.Project,
            ["stagecraft:environment"] = context.Environment.Name,
            ["stagecraft:stage"] = context.Stage,
        };
        foreach (var (key, value) in settings.ScalarMap("tags") ?? [])
        {
            tags[key] = value.Value;
        }

        var prefix = settings.String("publish_outputs");
        if (prefix is not null && !prefix.StartsWith('/'))
        {
            throw new StageFailedException($"publish_outputs '{prefix}' must start with '/', e.g. /{context.Project}/{context.Environment.Name}/{context.Stage}/");
        }

        return new CloudFormationSettings(
            new StackName(settings.String("stack_name") ?? DefaultStackName(context.Project, context.Environment.Name, context.Stage)),
            template,
            settings.ScalarMap("parameters") ?? [],
            settings.StringList("capabilities") ?? DefaultCapabilities,
            tags,
            settings.Boolean("recreate_failed") ?? false,
            prefix is null ? null : prefix.EndsWith('/') ? prefix : prefix + "/",
            settings.Duration("timeout") ?? TimeSpan.FromHours(1));
    }

    public static string DefaultStackName(string project, string environment, string stage) => $"{project}-{environment}-{stage}";
}

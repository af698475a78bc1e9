namespace Stagecraft.Local.Agent.Releases;

/// <summary>The variables a hook gets: CodeDeploy's own names, so existing scripts work, plus Stagecraft's.</summary>
internal static class HookEnvironment
{
    public static Dictionary<string, string?> For(string lifecycleEvent, ReleaseContext release)
    {
        var spec = release.Spec;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Env)
        {
            environment[name] = value;
        }

        environment["LIFECYCLE_EVENT"] = lifecycleEvent;
        environment["DEPLOYMENT_ID"] = release.ReleaseId;
        environment["APPLICATION_NAME"] = spec.Project;
        environment["DEPLOYMENT_GROUP_NAME"] = $"{spec.Environment}-{spec.Stage}";
        environment["STAGECRAFT_SERVICE"] = spec.Id;
        environment["STAGECRAFT_RELEASE"] = release.ReleaseId;
        environment["STAGECRAFT_RELEASE_DIR"] = release.Directory;
        environment["STAGECRAFT_PREVIOUS_RELEASE"] = release.PreviousReleaseId ?? "";
        environment["STAGECRAFT_INSTANCE_URLS"] = string.Join(' ', release.InstanceUrls);
        return environment;
    }
}

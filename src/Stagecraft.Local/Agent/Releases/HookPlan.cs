namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Every hook of a release, per event: the revision's appspec.yml first, then the stage's own. The
/// appspec belongs to the application (it prepares itself); the stage's hooks are what this environment
/// adds on top, so they may rely on the application's having run. Checked whole before anything starts.
/// </summary>
internal sealed class HookPlan
{
    private readonly Dictionary<string, List<HookStep>> _steps;

    private HookPlan(Dictionary<string, List<HookStep>> steps)
    {
        _steps = steps;
    }

    public IReadOnlyList<HookStep> For(string lifecycleEvent) => _steps.TryGetValue(lifecycleEvent, out var steps) ? steps : [];

    /// <summary>Builds the plan; appspec locations are relative to the release directory.</summary>
    /// <param name="isRoot">Whether the agent runs as root; 'runas' is refused otherwise.</param>
    public static HookPlan Build(ServiceSpec spec, IReadOnlyDictionary<string, IReadOnlyList<HookSpec>> appspec, string releaseDirectory, bool isRoot, Func<string, bool> userExists)
    {
        var steps = new Dictionary<string, List<HookStep>>(StringComparer.Ordinal);
        foreach (var name in LifecycleEvent.All)
        {
            var list = new List<HookStep>();
            foreach (var hook in appspec.GetValueOrDefault(name, []))
            {
                list.Add(Step(name, hook, Path.GetFullPath(hook.Location, releaseDirectory), AppSpecReader.FileName, releaseDirectory, isRoot, userExists));
            }

            foreach (var hook in spec.Hooks.GetValueOrDefault(name, []))
            {
                list.Add(Step(name, hook, Path.GetFullPath(hook.Location, releaseDirectory), "stage", releaseDirectory, isRoot, userExists));
            }

            steps[name] = list;
        }

        return new HookPlan(steps);
    }

    private static HookStep Step(string name, HookSpec hook, string location, string source, string releaseDirectory, bool isRoot, Func<string, bool> userExists)
    {
        if (source == AppSpecReader.FileName && !location.StartsWith(releaseDirectory.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new ReleaseFailedException($"{name} hook '{hook.Location}' in {AppSpecReader.FileName} points outside the revision");
        }

        if (hook.RunAs is { Length: > 0 } user)
        {
            if (!isRoot)
            {
                throw new ReleaseFailedException($"{name} hook '{hook.Location}' ({source}) has runas: {user}, but the agent does not run as root and cannot switch users",
                    hint: "run the agent as root (stagecraft agent under sudo or a system service), or remove 'runas'");
            }

            if (!userExists(user))
            {
                throw new ReleaseFailedException($"{name} hook '{hook.Location}' ({source}) has runas: {user}, and there is no such user on this host");
            }
        }

        return new HookStep(name, location, hook.Timeout, hook.RunAs is { Length: > 0 } ? hook.RunAs : null, source);
    }
}

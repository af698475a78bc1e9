using YamlDotNet.RepresentationModel;

namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Reads the hooks of an appspec.yml at the root of a revision, in CodeDeploy's format:
/// <c>hooks: { EventName: [ { location, timeout (seconds), runas } ] }</c>. Other sections (files,
/// permissions) are CodeDeploy's own copying rules and are not used: the whole revision is staged.
/// </summary>
internal static class AppSpecReader
{
    public const string FileName = "appspec.yml";

    /// <summary>CodeDeploy's default script timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3600);

    public static IReadOnlyDictionary<string, IReadOnlyList<HookSpec>> Read(string revisionDirectory)
    {
        var path = Path.Combine(revisionDirectory, FileName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, IReadOnlyList<HookSpec>>();
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ReleaseFailedException($"{FileName} in the revision is not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ReleaseFailedException($"{FileName} in the revision must be a mapping with 'version', 'os' and 'hooks'");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("hooks"), out var hooksNode))
        {
            return new Dictionary<string, IReadOnlyList<HookSpec>>();
        }

        if (hooksNode is not YamlMappingNode hooks)
        {
            throw new ReleaseFailedException($"'hooks' in {FileName} must map event names to lists of scripts");
        }

        var result = new Dictionary<string, IReadOnlyList<HookSpec>>(StringComparer.Ordinal);
        foreach (var (key, value) in hooks.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!LifecycleEvent.All.Contains(name))
            {
                throw new ReleaseFailedException($"{FileName}: hook event '{name}' is not one a service runs ({string.Join(", ", LifecycleEvent.All)})");
            }

            result[name] = ReadSteps(name, value);
        }

        return result;
    }

    private static List<HookSpec> ReadSteps(string name, YamlNode value)
    {
        if (value is not YamlSequenceNode list)
        {
            throw new ReleaseFailedException($"{FileName}: '{name}' must be a list of {{location, timeout, runas}}");
        }

        var steps = new List<HookSpec>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map || Scalar(map, "location") is not { Length: > 0 } location)
            {
                throw new ReleaseFailedException($"{FileName}: every script under '{name}' needs a 'location'");
            }

            var timeout = DefaultTimeout;
            if (Scalar(map, "timeout") is { } text)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                {
                    throw new ReleaseFailedException($"{FileName}: timeout '{text}' of {location} must be a whole number of seconds");
                }

                timeout = TimeSpan.FromSeconds(seconds);
            }

            steps.Add(new HookSpec(location, timeout, Scalar(map, "runas")));
        }

        return steps;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
}

using Stagecraft.Local.Agent.Metrics;

namespace Stagecraft.Local.Agent;

/// <summary>
/// The agent's own settings, from <c>agent.yml</c> in its data directory (read at start, so an agent that
/// deploy or systemd starts gets them too); a command-line option wins over the file.
/// </summary>
public sealed record AgentSettings(MetricsSetting Metrics)
{
    public const string FileName = "agent.yml";

    private static readonly string[] Keys = ["metrics"];

    public static readonly AgentSettings Default = new(MetricsSetting.Default);

    /// <summary>The file's settings with <paramref name="metricsOption"/> (the --metrics option, null when not given) on top.</summary>
    /// <exception cref="InvalidInputException">The file or the option is not valid; every problem has its location.</exception>
    public static AgentSettings Load(AgentHome home, string? metricsOption)
    {
        var path = Path.Combine(home.DataDirectory, FileName);
        var settings = File.Exists(path) ? Read(File.ReadAllText(path), path) : Default;
        if (metricsOption is null)
        {
            return settings;
        }

        if (!MetricsSetting.TryParse(metricsOption, out var metrics, out var error))
        {
            throw new InvalidInputException($"--metrics: {error}", "e.g. --metrics 127.0.0.1:9464, --metrics 0.0.0.0:9464 or --metrics off");
        }

        return settings with { Metrics = metrics };
    }

    public static AgentSettings Read(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentReader.Read(text, fileName);
        if (root is ConfigScalar { IsNull: true })
        {
            return Default;
        }

        if (root is not ConfigMap map)
        {
            throw new InvalidInputException([new Diagnostic(root.Location, $"{FileName} must be a mapping of settings, not {root.Describe()}", "write 'metrics: 127.0.0.1:9464' (or 'metrics: off')")]);
        }

        foreach (var entry in map.Entries.Where(e => !Keys.Contains(e.Key, StringComparer.Ordinal)))
        {
            diagnostics.Add(entry.KeyLocation, $"unknown key '{entry.Key}' in {FileName}", DidYouMean.Hint(entry.Key, Keys, "keys"));
        }

        var metrics = MetricsSetting.Default;
        switch (map.Find("metrics"))
        {
            case null:
                break;
            case { Value: ConfigScalar { IsNull: false } scalar }:
                if (MetricsSetting.TryParse(scalar.Text, out var parsed, out var error))
                {
                    metrics = parsed;
                }
                else
                {
                    diagnostics.Add(scalar.TextLocation, $"metrics: {error}", "e.g. 'metrics: 127.0.0.1:9464' or 'metrics: off'");
                }

                break;
            case { } entry:
                diagnostics.Add(entry.Value.Location is { Line: > 0 } at ? at : entry.KeyLocation,
                    $"'metrics' in {FileName} must be an address and port or 'off', not {entry.Value.Describe()}", "e.g. 'metrics: 127.0.0.1:9464' or 'metrics: off'");
                break;
        }

        diagnostics.ThrowIfAny();
        return new AgentSettings(metrics);
    }
}

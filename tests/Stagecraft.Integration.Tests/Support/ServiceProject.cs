using System.Globalization;
using System.Text;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// A project with one service stage 'web' releasing the test app from app/, deployed through the real CLI
/// against its own agent sandbox. Health checks are fast (100 ms) so tests stay quick.
/// </summary>
public sealed class ServiceProject : IAsyncDisposable
{
    public const string ServiceId = "svc/local/web";
    private readonly TempDirectory _directory = new("sp");
    private int _revision;

    private static readonly (string Key, string Value)[] Defaults =
    [
        ("health", "{ path: /healthz, interval: 100ms, timeout: 1s, healthy_threshold: 2, grace: 20s }"),
        ("stop_timeout", "5s"),
        ("drain_timeout", "10s"),
    ];

    public ServiceProject()
    {
        Port = FreePort.Next();
        TestAppFiles.CopyTo(AppDirectory, "0");
    }

    public AgentSandbox Agent { get; } = new();

    public string Path => _directory.Path;

    public string AppDirectory => _directory.Combine("app");

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public Dictionary<string, string> Environment => Agent.Environment;

    /// <summary>Writes stagecraft.yml with the 'web' service; <paramref name="env"/> goes to the app, <paramref name="extra"/> is more YAML under the stage.</summary>
    public void Write(Dictionary<string, string>? env = null, string? extra = null, string? moreStages = null)
    {
        var yaml = new StringBuilder()
            .AppendLine("project: svc")
            .AppendLine("environments:")
            .AppendLine("  local:")
            .AppendLine("    target: local")
            .AppendLine("stages:")
            .AppendLine("  web:")
            .AppendLine("    kind: service")
            .AppendLine("    revision: app")
            .AppendLine("    start: [\"dotnet\", \"Stagecraft.TestApp.dll\"]")
            .AppendLine(CultureInfo.InvariantCulture, $"    listen: \"127.0.0.1:{Port}\"")
            ;
        foreach (var (key, value) in Defaults)
        {
            if (extra is null || !extra.Contains($"    {key}:", StringComparison.Ordinal))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    {key}: {value}");
            }
        }

        var variables = env ?? new Dictionary<string, string> { ["APP_VERSION"] = "v1" };
        yaml.AppendLine("    env:");
        foreach (var (key, value) in variables)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      {key}: \"{value}\"");
        }

        if (extra is not null)
        {
            yaml.Append(extra);
        }

        if (moreStages is not null)
        {
            yaml.Append(moreStages);
        }

        _directory.Write("stagecraft.yml", yaml.ToString());
    }

    /// <summary>Changes the app's files so the next release has new content.</summary>
    public void TouchRevision() => File.WriteAllText(System.IO.Path.Combine(AppDirectory, "marker.txt"), (++_revision).ToString(CultureInfo.InvariantCulture));

    public string WriteFile(string relative, string content) => _directory.Write(relative, content);

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Path, Environment, args);

    public CliProcess Start(params string[] args) => CliProcess.Start(Path, Environment, args);

    public async Task<CliResult> DeployAsync()
    {
        var result = await RunAsync("deploy", "--yes");
        await Agent.StatusAsync();
        return result;
    }

    /// <summary>Deploys; a failure fails the test with the deploy's output and the end of the agent's log.</summary>
    public async Task DeployOkAsync()
    {
        var result = await DeployAsync();
        if (result.ExitCode != 0)
        {
            var agentLog = File.Exists(Agent.Home.LogPath) ? string.Join('\n', File.ReadLines(Agent.Home.LogPath).TakeLast(40)) : "(no agent log)";
            result.ExitCode.Should().Be(0, $"the deploy should succeed:\n{result}\nagent log:\n{agentLog}");
        }
    }

    /// <summary>The stage's log of the last run that touched it.</summary>
    public string StageLog(string stage = "web")
    {
        var logs = System.IO.Path.Combine(Path, ".stagecraft", "local", "logs");
        var latest = Directory.GetDirectories(logs).OrderBy(d => long.Parse(System.IO.Path.GetFileName(d), CultureInfo.InvariantCulture)).Last();
        var file = System.IO.Path.Combine(latest, stage + ".log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        _directory.Dispose();
    }
}

using System.Text;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>A project directory with a stagecraft.yml, the stage script and a log, for CLI tests.</summary>
public sealed class TestProject : IDisposable
{
    private readonly TempDirectory _directory = new("stagecraft-it");

    public TestProject()
    {
        _directory.Write("stage.sh", StageLog.Script);
    }

    public string Path => _directory.Path;

    public string LogPath => _directory.Combine("run.log");

    public StageLog Log => StageLog.Read(LogPath);

    public Dictionary<string, string> Environment => new() { ["LOG"] = LogPath };

    public void WriteProject(string yaml) => _directory.Write("stagecraft.yml", yaml);

    public string Write(string relative, string content) => _directory.Write(relative, content);

    /// <summary>YAML for a command stage that runs the stage script.</summary>
    /// <param name="awaits">Events ("start:STAGE", "end:STAGE") the stage waits for in the log before it ends: orders stages by what happened, not by time.</param>
    public static string Stage(string name, double seconds, IEnumerable<string>? dependsOn = null, string? extra = null, IEnumerable<string>? awaits = null)
    {
        var text = new StringBuilder()
            .Append("  ").Append(name).AppendLine(":")
            .AppendLine("    kind: command")
            .Append("    run: [\"sh\", \"stage.sh\", \"").Append(name).Append("\", \"").Append(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
        foreach (var awaited in awaits ?? [])
        {
            text.Append(", \"").Append(awaited).Append('"');
        }

        text.AppendLine("]");
        var deps = dependsOn?.ToList() ?? [];
        if (deps.Count > 0)
        {
            text.Append("    depends_on: [").Append(string.Join(", ", deps)).AppendLine("]");
        }

        if (extra is not null)
        {
            text.Append(extra);
        }

        return text.ToString();
    }

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Path, Environment, args);

    public CliProcess Start(params string[] args) => CliProcess.Start(Path, Environment, args);

    public void Dispose() => _directory.Dispose();
}

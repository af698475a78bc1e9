using System.Text;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>A CLI test project whose environment 'local' keeps its state in an <see cref="S3Place"/>.</summary>
internal sealed class S3CliProject : IDisposable
{
    private readonly LocalAws _aws;

    public S3CliProject(LocalAws aws, S3Place place)
    {
        _aws = aws;
        Place = place;
    }

    public TestProject Files { get; } = new();

    public S3Place Place { get; }

    public string Path => Files.Path;

    public StageLog Log => Files.Log;

    /// <summary>Writes stagecraft.yml: a chain s1 → s2 → … of stage-script stages, with the given state line.</summary>
    /// <param name="heldStage">A stage (by number) that holds until <see cref="Release"/>, so a test can act while it surely runs.</param>
    public void WriteChain(int count, double seconds, string? stateYaml, int? heldStage = null)
    {
        var yaml = new StringBuilder("project: demo\nenvironments:\n  local:\n    target: local\n");
        if (stateYaml is not null)
        {
            yaml.Append("    ").AppendLine(stateYaml);
        }

        yaml.AppendLine("stages:");
        for (var i = 1; i <= count; i++)
        {
            yaml.Append(TestProject.Stage($"s{i}", seconds, i == 1 ? null : [$"s{i - 1}"], awaits: i == heldStage ? ["start:go"] : null));
        }

        Files.WriteProject(yaml.ToString());
    }

    /// <summary>Lets the held stage (and any copy of it still running) end.</summary>
    public void Release() => File.AppendAllText(Files.LogPath, "start go 0\n");

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Path, Environment(), args);

    public CliProcess Start(params string[] args) => CliProcess.Start(Path, Environment(), args);

    public void Dispose() => Files.Dispose();

    private Dictionary<string, string> Environment()
    {
        var environment = Files.Environment;
        foreach (var (key, value) in _aws.CliEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }
}

using Stagecraft.Aws.Targets;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Cli.Hosting;
using Stagecraft.TestSupport;

using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// A project directory run through the real CLI code in this process, with the AWS target's
/// real SDK clients and the real aws CLI v2, all pointed at moto by the project's endpoint_url.
/// </summary>
internal sealed class MotoProject : IDisposable
{
    private readonly TempDirectory _directory;

    public MotoProject(MotoServer moto, string? copyOf = null)
    {
        Moto = moto;
        _directory = new TempDirectory("stagecraft-moto-project");
        if (copyOf is not null)
        {
            Copy(copyOf, _directory.Path);
        }
    }

    public MotoServer Moto { get; }

    public string Path => _directory.Path;

    public FakeHostInfo Host { get; } = new();

    /// <summary>Writes a file of the project; '{moto}' in it becomes moto's URL.</summary>
    public string Write(string relative, string content) => _directory.Write(relative, content.Replace("{moto}", Moto.EndpointUrl, StringComparison.Ordinal));

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public Task<CliResult> RunWithInputAsync(string input, params string[] args) => RunAsync(input, CancellationToken.None, args);

    /// <summary>Runs a command as the CLI would; cancelling <paramref name="cancellationToken"/> is Ctrl-C.</summary>
    public async Task<CliResult> RunAsync(string input, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var target = new AwsTarget(new AwsTargetOptions
        {
            ToolEnvironment = Moto.ToolEnvironment,
            PollInterval = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        });
        var cli = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(input),
            Host = Host,
            Time = TimeProvider.System,
            CatalogFactory = () => StagecraftCatalog.Create(target),
            Environment = _ => null,
            ForcedMode = OutputMode.Plain,
        };
        var code = await CliRunner.RunAsync([.. args, "-f", System.IO.Path.Combine(Path, "stagecraft.yml")], cli, cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public async Task<CliResult> SucceedsAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    /// <summary>A stage's full log of the latest run that has one.</summary>
    public string StageLog(string environment, string stage)
    {
        var logs = System.IO.Path.Combine(Path, ".stagecraft", environment, "logs");
        return Directory.Exists(logs)
            ? Directory.GetFiles(logs, stage + ".log", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).Select(File.ReadAllText).LastOrDefault() ?? ""
            : "";
    }

    public void Dispose() => _directory.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(from, file);
            if (relative.StartsWith(".stagecraft", StringComparison.Ordinal))
            {
                continue;
            }

            var target = System.IO.Path.Combine(to, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

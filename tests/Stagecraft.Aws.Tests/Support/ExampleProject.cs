using Stagecraft.Aws.Targets;
using Stagecraft.Cli.Hosting;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// A copy of one of examples/ run through the real CLI code in this process, with the AWS target
/// wired to the fake CLIs and SDK fakes (no credentials, no network).
/// </summary>
internal sealed class ExampleProject : IDisposable
{
    private readonly TempDirectory _directory = new("stagecraft-example");

    public ExampleProject(string name)
    {
        Copy(System.IO.Path.Combine(RepositoryRoot(), "examples", name), _directory.Path);
    }

    /// <summary>A project of the test's own: relative path to content.</summary>
    public ExampleProject(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (relative, content) in files)
        {
            _directory.Write(relative, content);
        }
    }

    /// <summary>The folder of one of examples/ in this repository.</summary>
    public static string Folder(string name) => System.IO.Path.Combine(RepositoryRoot(), "examples", name);

    public FakeTools Tools { get; } = new();

    public FakeSdk Sdk { get; } = new();

    public FakeHostInfo Host { get; } = new();

    /// <summary>The environment variables the CLI sees (none unless a test sets them).</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string Path => _directory.Path;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var target = new AwsTarget(new AwsTargetOptions
        {
            Sdk = _ => Sdk,
            ToolEnvironment = Tools.Environment,
            PollInterval = TimeSpan.FromMilliseconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });
        var cli = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(""),
            Host = Host,
            Time = TimeProvider.System,
            CatalogFactory = () => StagecraftCatalog.Create(target),
            Environment = name => Variables.GetValueOrDefault(name),
            ForcedMode = OutputMode.Plain,
        };
        var code = await CliRunner.RunAsync([.. args, "-f", System.IO.Path.Combine(Path, "stagecraft.yml")], cli, CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Tools.Dispose();
        _directory.Dispose();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Stagecraft.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Stagecraft.slnx not found above " + AppContext.BaseDirectory);
    }

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

/// <summary>What one CLI command ended with.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

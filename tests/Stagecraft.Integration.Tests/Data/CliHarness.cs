using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Kinds;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data;

/// <summary>
/// Runs stagecraft commands in-process through <see cref="CliRunner"/> with captured output, a fake
/// host whose environment the test controls (the key directory always points into the test's own
/// temporary directory), and one catalog for all commands so state carries from one to the next.
/// </summary>
internal sealed class CliHarness
{
    private readonly Catalog _catalog = StagecraftCatalog.Create();

    public CliHarness(string keyDirectory)
    {
        Host.Environment["STAGECRAFT_KEY_DIR"] = keyDirectory;
    }

    public FakeHostInfo Host { get; } = new();

    /// <summary>Everything every command printed, for leak checks.</summary>
    public List<string> Transcript { get; } = [];

    public async Task<CliResult> RunAsync(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var cli = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(stdin ?? ""),
            Host = Host,
            Time = TimeProvider.System,
            CatalogFactory = () => _catalog,
            Environment = name => Host.GetEnvironmentVariable(name),
            ForcedMode = OutputMode.Plain,
        };
        var exit = await CliRunner.RunAsync(args, cli, CancellationToken.None);
        var result = new CliResult(exit, output.ToString(), error.ToString());
        Transcript.Add(result.Out);
        Transcript.Add(result.Error);
        return result;
    }
}

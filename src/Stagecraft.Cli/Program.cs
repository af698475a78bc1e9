using Stagecraft.Host;

namespace Stagecraft.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var signals = new SignalCancellation(Console.Error);
        var cli = new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            Host = new SystemHostInfo(),
            Time = TimeProvider.System,
            CatalogFactory = StagecraftCatalog.Create,
            Environment = Environment.GetEnvironmentVariable,
        };
        return await CliRunner.RunAsync(args, cli, signals.Token).ConfigureAwait(false);
    }
}

using System.CommandLine.Parsing;
using Stagecraft.Cli.Commands;

namespace Stagecraft.Cli.Hosting;

/// <summary>Builds the verbs, parses, runs, and maps every failure to its exit code in one place.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken)
    {
        cli.CommandLine = string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var root = CommandTree.Build(cli);
        VersionAction.Install(root, cli.Out);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                cli.Error.WriteLine("error: " + error.Message);
            }

            cli.Error.WriteLine("  hint: see '" + string.Join(' ', VerbPath(parsed.CommandResult).Prepend("stagecraft")) + " --help'");
            return ExitCodes.InvalidInput;
        }

        var verbose = args.Contains("--verbose");
        try
        {
            var configuration = new InvocationConfiguration { Output = cli.Out, Error = cli.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cli.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            ErrorRenderer.Render(cli.Error, ex, verbose);
            return ex is StagecraftException known ? known.ExitCode : ExitCodes.StageFailed;
        }
    }

    /// <summary>The verbs from the root down to the one parsed ("agent stop"), without the root itself.</summary>
    private static IEnumerable<string> VerbPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult { Parent: not null } verb; result = verb.Parent)
        {
            names.Add(verb.Command.Name);
        }

        names.Reverse();
        return names;
    }
}

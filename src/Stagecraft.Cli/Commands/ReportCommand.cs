using Stagecraft.Cli.Reports;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft report [RUN]: one self-contained HTML page about a run.</summary>
internal sealed class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Argument<long?>("run") { Description = "The run (default: the last one)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: report-<run>.html)" };
        return ProjectVerb.Create(cli, "report", "Write an HTML report of a run: timeline, critical path, logs, failures.", [run, output], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var path = await WriteAsync(cli, session, result.GetValue(run), result.GetValue(output), ct).ConfigureAwait(false);
            cli.Out.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
    }

    public static async Task<string> WriteAsync(CliContext cli, EnvironmentSession session, long? runId, string? output, CancellationToken cancellationToken)
    {
        var model = await ReportLoader.LoadAsync(session, runId, cli.Time, cancellationToken).ConfigureAwait(false);
        var path = output ?? string.Create(CultureInfo.InvariantCulture, $"report-{model.RunId}.html");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new InvalidInputException($"cannot write the report to {path}: directory {directory} does not exist", "create it first, or choose another -o");
        }

        await File.WriteAllTextAsync(path, HtmlReport.Render(model), cancellationToken).ConfigureAwait(false);
        return path;
    }
}

using System.CommandLine;
using Spectre.Console;
using Stagecraft.Cli.Hosting;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft history: past runs, newest first.</summary>
internal sealed class HistoryCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var limit = new Option<int>("--limit", "-n") { Description = "How many runs to show", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("history", "List past runs of this environment, newest first.");
        common.AddTo(command);
        command.Add(limit);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var runs = await session.State.ListRunsAsync(Math.Max(1, result.GetValue(limit)), ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, runs);
                return ExitCodes.Success;
            }

            var mode = cli.Mode(settings.NoColor);
            var console = cli.Console(mode);
            if (runs.Count == 0)
            {
                console.MarkupLine($"No runs yet in environment {Markup.Escape(session.Environment.Name)}.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(mode.Color ? TableBorder.Rounded : TableBorder.Ascii)
                .AddColumn("run").AddColumn("verb").AddColumn("status").AddColumn("started (UTC)").AddColumn("took").AddColumn("by").AddColumn("note");
            foreach (var run in runs)
            {
                var took = run.FinishedAt is { } end ? Styles.Duration(end - run.StartedAt) : "-";
                table.AddRow(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Verb, RunSummaryRenderer.Status(run.Status), run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    took, Markup.Escape($"{run.User}@{run.Host}"), Markup.Escape(run.Note ?? ""));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}

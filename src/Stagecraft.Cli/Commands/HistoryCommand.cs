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

            if (!mode.Live)
            {
                WriteCompact(cli.Out, runs, console.Profile.Width);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("run").AddColumn("verb").AddColumn("status").AddColumn("started (UTC)").AddColumn("took").AddColumn("by").AddColumn("note");
            foreach (var run in runs)
            {
                table.AddRow(Cells(run).Select(Markup.Escape).ToArray());
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    // Pipes and CI logs: one line per run within the width; --json has every value whole.
    private static void WriteCompact(TextWriter output, IReadOnlyList<RunSummary> runs, int width)
    {
        var table = new CompactTable().Column("run", 3).Column("verb", 7).Column("status", 9).Column("started (UTC)", 19)
            .Column("took", 5).Column("by", 8).Column("note", 8);
        foreach (var run in runs)
        {
            table.Add(Cells(run));
        }

        if (table.Write(output, width))
        {
            output.WriteLine($"(shortened to fit {width} columns; whole values: stagecraft history --json)");
        }
    }

    private static string[] Cells(RunSummary run) =>
    [
        run.Id.ToString(CultureInfo.InvariantCulture), run.Verb, RunSummaryRenderer.Status(run.Status),
        run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        run.FinishedAt is { } end ? Styles.Duration(end - run.StartedAt) : "-", $"{run.User}@{run.Host}", run.Note ?? "",
    ];
}

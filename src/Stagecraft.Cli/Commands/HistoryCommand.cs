namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft history: past runs, newest first.</summary>
internal sealed class HistoryCommand
{
    public static Command Create(CliContext cli) => NewestFirstListing.Create(cli, "history", "List past runs of this environment, newest first.", "How many runs to show",
        (session, limit, ct) => session.State.ListRunsAsync(limit, ct), environment => $"No runs yet in environment {environment}.", Render);

    private static void Render(ListingView<RunSummary> view)
    {
        if (!view.Mode.Live)
        {
            WriteCompact(view.Out, view.Items, view.Console.Profile.Width);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("run").AddColumn("verb").AddColumn("status").AddColumn("started (UTC)").AddColumn("took").AddColumn("by").AddColumn("note");
        foreach (var run in view.Items)
        {
            table.AddRow(Cells(run).Select(Markup.Escape).ToArray());
        }

        view.Console.Write(table);
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

namespace Stagecraft.Cli.Rendering;

/// <summary>The end of a run: a table of what happened, each failure with its details, and what to do next.</summary>
internal static class RunSummaryRenderer
{
    public static void Render(IAnsiConsole console, RunReport report, string environment, bool ascii)
    {
        var acted = report.Stages.Where(s => s.Result != StageResult.Unchanged || s.Reason is not null).ToList();
        var unchanged = report.Stages.Count - acted.Count;
        console.WriteLine();
        if (acted.Count > 0)
        {
            var table = new Table().Border(ascii ? TableBorder.Ascii : TableBorder.Rounded)
                .AddColumn("stage").AddColumn("action").AddColumn("result").AddColumn(new TableColumn("time").RightAligned()).AddColumn("note");
            foreach (var stage in acted)
            {
                var color = Styles.ColorOf(stage.Result);
                var note = stage.Result == StageResult.Failed ? stage.Error : stage.Reason;
                table.AddRow(
                    new Markup(Markup.Escape(stage.Stage)),
                    new Markup(ActionText.Of(stage.Action)),
                    new Markup($"[{color}]{ActionText.Of(stage.Result)}[/]"),
                    new Markup(Styles.Duration(stage.Duration)),
                    new Markup(Markup.Escape(FirstLine(note ?? ""))));
            }

            console.Write(table);
        }

        foreach (var failed in report.Stages.Where(s => s.Result == StageResult.Failed))
        {
            console.WriteLine();
            console.MarkupLine($"[red]✗ {Markup.Escape(failed.Stage)} failed:[/] {Markup.Escape(failed.Error ?? "")}");
            foreach (var line in failed.Details)
            {
                console.MarkupLine($"  [grey]│[/] {Markup.Escape(line)}");
            }

            if (failed.LogPath is not null)
            {
                console.MarkupLine($"  [grey]log: {Markup.Escape(failed.LogPath)}[/]");
            }
        }

        foreach (var waiting in report.Stages.Where(s => s.Result == StageResult.Waiting))
        {
            console.WriteLine();
            console.MarkupLine($"[yellow]⏸ {Markup.Escape(waiting.Stage)} waits for approval:[/]");
            foreach (var line in (waiting.Reason ?? "").Split('\n'))
            {
                console.MarkupLine($"  {Markup.Escape(line.TrimEnd())}");
            }

            console.MarkupLine($"  when done: [bold]stagecraft approve {Markup.Escape(waiting.Stage)} -e {Markup.Escape(environment)} --note \"…\"[/], then deploy again");
        }

        // Where to reach what was deployed: every stage with a 'url' output (a service's public address).
        var urls = report.Stages.Where(s => s.Result is StageResult.Succeeded or StageResult.Unchanged && s.Outputs.TryGetValue("url", out var url) && !url.Sensitive).ToList();
        if (urls.Count > 0 && report.Verb == "deploy")
        {
            console.WriteLine();
            foreach (var stage in urls)
            {
                console.MarkupLine($"[bold]{Markup.Escape(stage.Stage)}[/]: {Markup.Escape(stage.Outputs["url"].Value)}");
            }
        }

        console.WriteLine();
        var counts = report.Stages.GroupBy(s => s.Result).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ActionText.Of(g.Key)}");
        var color2 = report.Status switch
        {
            RunStatus.Succeeded => "green",
            RunStatus.WaitingForApproval => "yellow",
            _ => "red",
        };
        console.MarkupLine($"[{color2}]Run {report.RunId} {Status(report.Status)}[/] in {Styles.Duration(report.Duration)}: {string.Join(", ", counts)}{(unchanged > 0 && acted.Count == 0 ? " (nothing to do)" : "")}.");
    }

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.WaitingForApproval => "is waiting for approval",
        RunStatus.Interrupted => "was interrupted",
        RunStatus.Crashed => "crashed",
        _ => "is running",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}

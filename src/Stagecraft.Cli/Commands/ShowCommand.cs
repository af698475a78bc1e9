namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft show RUN: one run in detail.</summary>
internal sealed class ShowCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Argument<long>("run") { Description = "The run id (see 'history')" };
        var json = ProjectVerb.Json();
        return ProjectVerb.Create(cli, "show", "Show one run in detail: every stage's action, result, duration and error.", [run, json], async (call, ct) =>
        {
            var (result, settings, session) = (call.Result, call.Settings, call.Session);
            var id = result.GetValue(run);
            var detail = await session.State.GetRunAsync(id, ct).ConfigureAwait(false)
                ?? throw new InvalidInputException($"no run {id} in environment '{session.Environment.Name}'", "list runs with: stagecraft history");
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, detail);
                return ExitCodes.Success;
            }

            var mode = cli.Mode(settings.NoColor);
            var console = cli.Console(mode);
            var s = detail.Summary;
            console.MarkupLine($"Run [bold]{s.Id}[/]: {s.Verb} {RunSummaryRenderer.Status(s.Status)}, started {s.StartedAt:yyyy-MM-dd HH:mm:ss} UTC by {Markup.Escape($"{s.User}@{s.Host}")} (pid {s.Pid})");
            console.MarkupLine($"[grey]{Markup.Escape("stagecraft " + s.Arguments)}[/]");
            if (s.Note is not null)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(s.Note)}[/]");
            }

            var table = new Table().Border(mode.Color ? TableBorder.Rounded : TableBorder.Ascii)
                .AddColumn("stage").AddColumn("action").AddColumn("result").AddColumn("time").AddColumn("detail").AddColumn("log");
            foreach (var stage in detail.Stages)
            {
                table.AddRow(Markup.Escape(stage.Stage), ActionText.Of(stage.Action), ActionText.Of(stage.Result), Styles.Duration(stage.Duration),
                    Markup.Escape(stage.Error ?? stage.Reason ?? ""), Markup.Escape(stage.LogPath ?? ""));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
    }
}

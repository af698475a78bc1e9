namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft show RUN: one run in detail.</summary>
internal sealed class ShowCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var run = new Argument<long>("run") { Description = "The run id (see 'history')" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("show", "Show one run in detail: every stage's action, result, duration and error.");
        common.AddTo(command);
        command.Add(run);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
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
        return command;
    }
}

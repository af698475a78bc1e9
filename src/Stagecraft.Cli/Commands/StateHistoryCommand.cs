namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state history: the stored versions of the environment's state, newest first.</summary>
internal sealed class StateHistoryCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var limit = new Option<int>("--limit", "-n") { Description = "How many versions to show", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("history", "List the stored versions of the environment's state, newest first (every write is one).");
        common.AddTo(command);
        command.Add(limit);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var versions = await StateCapabilities.Versions(session).ListVersionsAsync(Math.Max(1, result.GetValue(limit)), ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, versions);
                return ExitCodes.Success;
            }

            var mode = cli.Mode(settings.NoColor);
            var console = cli.Console(mode);
            if (versions.Count == 0)
            {
                console.MarkupLine($"Environment {Markup.Escape(session.Environment.Name)} has no state yet.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(mode.Color ? TableBorder.Rounded : TableBorder.Ascii)
                .AddColumn("version").AddColumn("written (UTC)").AddColumn("by").AddColumn("change").AddColumn("size");
            foreach (var version in versions)
            {
                table.AddRow(
                    version.Number.ToString(CultureInfo.InvariantCulture) + (version.Current ? " (current)" : ""),
                    version.WrittenAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(version.WrittenBy),
                    Markup.Escape(version.Change),
                    version.Size.ToString("N0", CultureInfo.InvariantCulture) + " B");
            }

            console.Write(table);
            console.MarkupLine($"[grey]Put a version back with: stagecraft state restore VERSION -e {Markup.Escape(session.Environment.Name)}[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}

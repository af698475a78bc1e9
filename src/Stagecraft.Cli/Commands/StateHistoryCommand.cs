namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state history: the stored versions of the environment's state, newest first.</summary>
internal sealed class StateHistoryCommand
{
    public static Command Create(CliContext cli) => NewestFirstListing.Create(cli, "history",
        "List the stored versions of the environment's state, newest first (every write is one).", "How many versions to show",
        (session, limit, ct) => StateCapabilities.Versions(session).ListVersionsAsync(limit, ct), environment => $"Environment {environment} has no state yet.", Render);

    private static void Render(ListingView<StateVersion> view)
    {
        var table = new Table().Border(view.Mode.Color ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("version").AddColumn("written (UTC)").AddColumn("by").AddColumn("change").AddColumn("size");
        foreach (var version in view.Items)
        {
            table.AddRow(
                version.Number.ToString(CultureInfo.InvariantCulture) + (version.Current ? " (current)" : ""),
                version.WrittenAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(version.WrittenBy),
                Markup.Escape(version.Change),
                version.Size.ToString("N0", CultureInfo.InvariantCulture) + " B");
        }

        view.Console.Write(table);
        view.Console.MarkupLine($"[grey]Put a version back with: stagecraft state restore VERSION -e {view.Environment}[/]");
    }
}

namespace Stagecraft.Cli.Rendering;

/// <summary>Shows 'plan --remote': per stage, the resource-level changes the target reported.</summary>
internal static class RemoteChangesRenderer
{
    public static void Render(IAnsiConsole console, IReadOnlyList<StageRemoteChanges> stages)
    {
        console.WriteLine();
        if (stages.Count == 0)
        {
            console.MarkupLine("Remote changes: no changing stage can describe its changes remotely.");
            return;
        }

        foreach (var stage in stages)
        {
            console.MarkupLine($"Remote changes of [bold]{Markup.Escape(stage.Stage)}[/]: {Markup.Escape(stage.Changes.Summary)}");
            foreach (var change in stage.Changes.Changes)
            {
                var detail = change.Detail is null ? "" : $"  [yellow]({Markup.Escape(change.Detail)})[/]";
                console.MarkupLine($"    {Markup.Escape(change.Action),-8} {Markup.Escape(change.Type),-34} {Markup.Escape(change.Resource)}{detail}");
            }
        }
    }
}

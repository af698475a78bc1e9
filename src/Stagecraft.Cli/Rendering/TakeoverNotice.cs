namespace Stagecraft.Cli.Rendering;

/// <summary>Says that a crashed run's lock was taken over, and what was ended or may still run, before anything else happens.</summary>
internal static class TakeoverNotice
{
    public static void Write(IAnsiConsole console, RunLock runLock)
    {
        if (runLock.Takeover is not { } takeover)
        {
            return;
        }

        console.MarkupLine($"[yellow]notice:[/] took over a stale lock: {Markup.Escape(takeover.Previous.Describe())}; {Markup.Escape(takeover.Reason)}");
        foreach (var finding in takeover.Findings())
        {
            var label = takeover.MayStillRun.Count > 0 || takeover.Ended.Count == 0 ? "[yellow]warning:[/]" : "[yellow]notice:[/]";
            console.MarkupLine($"{label} {Markup.Escape(finding)}");
        }
    }
}

namespace Stagecraft.Cli.Rendering;

/// <summary>Shows a plan: one line per stage with its action and the reasons in words.</summary>
internal static class PlanRenderer
{
    public static void Render(IAnsiConsole console, Plan plan, string stateDescription)
    {
        console.MarkupLine($"Plan for [bold]{Markup.Escape(plan.Project)}[/], environment [bold]{Markup.Escape(plan.Environment)}[/] [grey]({Markup.Escape(stateDescription)})[/]");
        console.WriteLine();

        // Columns are padded by hand: a table widget costs seconds on a plan of 10,000 stages.
        var nameWidth = plan.Stages.Select(s => s.Name.Length).DefaultIfEmpty(0).Max();
        var kindWidth = plan.Stages.Select(s => s.Kind.Length).DefaultIfEmpty(0).Max();
        var color = console.Profile.Capabilities.Ansi;
        var text = new StringBuilder();
        foreach (var stage in plan.Stages)
        {
            var (symbol, tint) = Styles.Of(stage.Action);
            var action = ActionText.Of(stage.Action).PadRight(9);
            var reasons = string.Join("; ", stage.Reasons);
            if (color)
            {
                text.Append($"  [{tint}]{symbol}[/]  {Markup.Escape(stage.Name.PadRight(nameWidth))}  [grey]{Markup.Escape(stage.Kind.PadRight(kindWidth))}[/]  [{tint}]{action}[/]  {Markup.Escape(reasons)}".TrimEnd()).Append('\n');
            }
            else
            {
                text.Append($"  {symbol}  {stage.Name.PadRight(nameWidth)}  {stage.Kind.PadRight(kindWidth)}  {action}  {reasons}".TrimEnd()).Append('\n');
            }
        }

        if (color)
        {
            console.Markup(text.ToString());
        }
        else
        {
            console.Profile.Out.Writer.Write(text.ToString());
        }

        console.WriteLine();
        console.MarkupLine(Summary(plan));
    }

    public static string Summary(Plan plan)
    {
        if (!plan.HasChanges)
        {
            return $"No changes: all {plan.Stages.Count} stage{(plan.Stages.Count == 1 ? " is" : "s are")} up to date.";
        }

        var parts = new List<string>();
        Add(parts, plan.Count(StageAction.Create), "to create");
        Add(parts, plan.Count(StageAction.Update), "to update");
        Add(parts, plan.Count(StageAction.Pending), "pending");
        Add(parts, plan.Count(StageAction.Destroy), "to destroy");
        Add(parts, plan.Count(StageAction.NoChange), "unchanged");
        return $"Plan: {string.Join(", ", parts)}.";
    }

    private static void Add(List<string> parts, int count, string label)
    {
        if (count > 0)
        {
            parts.Add($"{count} {label}");
        }
    }
}

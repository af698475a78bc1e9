namespace Stagecraft.Cli.Rendering;

/// <summary>Shows drift checks: one line per deployed stage, and the summary 'plan --refresh' prints under its plan.</summary>
internal static class DriftRenderer
{
    public static void Render(TextWriter writer, string project, string environment, IReadOnlyList<StageDrift> drift)
    {
        writer.WriteLine($"Drift for {project}, environment {environment}");
        writer.WriteLine();
        var nameWidth = drift.Select(d => d.Stage.Length).DefaultIfEmpty(0).Max();
        var kindWidth = drift.Select(d => d.Kind.Length).DefaultIfEmpty(0).Max();
        var text = new StringBuilder();
        foreach (var stage in drift)
        {
            var detail = DriftText.Of(stage.Result);
            text.Append($"  {Symbol(stage.Result)}  {stage.Stage.PadRight(nameWidth)}  {stage.Kind.PadRight(kindWidth)}  {DriftText.Status(stage.Result).PadRight(15)}  {detail}".TrimEnd()).Append('\n');
            if (stage.Result is DriftResult.Drifted { Unrepairable: { } todo })
            {
                text.Append(' ', 6).Append("a redeploy cannot repair this: ").Append(todo).Append('\n');
            }

            foreach (var note in stage.Result.Notes)
            {
                text.Append(' ', 6).Append("note: ").Append(note).Append('\n');
            }
        }

        writer.Write(text.ToString());
        writer.WriteLine();
        writer.WriteLine(Summary(drift));
    }

    /// <summary>Under a refreshed plan: what was checked, and every check that could not run.</summary>
    public static void RenderRefresh(TextWriter writer, IReadOnlyList<StageDrift> drift)
    {
        writer.WriteLine("Refreshed: " + Summary(drift));
        foreach (var failed in drift.Where(d => d.Result is DriftResult.CouldNotCheck))
        {
            writer.WriteLine($"warning: could not check drift of {failed.Stage}: {DriftText.Of(failed.Result)}; planned from state alone");
        }
    }

    public static string Summary(IReadOnlyList<StageDrift> drift)
    {
        if (drift.Count == 0)
        {
            return "nothing deployed to check.";
        }

        var parts = new List<string>();
        Add(parts, drift.Count(d => d.Result is DriftResult.Drifted), "drifted");
        Add(parts, drift.Count(d => d.Result is DriftResult.Gone), "gone");
        Add(parts, drift.Count(d => d.Result is DriftResult.CouldNotCheck), "could not be checked");
        Add(parts, drift.Count(d => d.Result is DriftResult.InSync), "in sync");
        Add(parts, drift.Count(d => d.Result is DriftResult.Unchecked), "unchecked");
        return string.Join(", ", parts) + ".";
    }

    /// <summary>1 when a check could not run (the answer is incomplete), 10 when something drifted or is gone, else 0.</summary>
    public static int ExitCode(IReadOnlyList<StageDrift> drift) =>
        drift.Any(d => d.Result is DriftResult.CouldNotCheck) ? ExitCodes.StageFailed
        : drift.Any(d => d.Result is DriftResult.Drifted or DriftResult.Gone) ? ExitCodes.ChangesPresent
        : ExitCodes.Success;

    public static object ToJson(IReadOnlyList<StageDrift> drift) => drift.Select(d => new
    {
        d.Stage,
        d.Kind,
        Status = DriftText.Status(d.Result).Replace(' ', '-'),
        Detail = DriftText.Of(d.Result) is { Length: > 0 } detail ? detail : null,
        Differences = d.Result is DriftResult.Drifted drifted ? drifted.Differences : null,
        Unrepairable = (d.Result as DriftResult.Drifted)?.Unrepairable,
        Notes = d.Result.Notes.Count == 0 ? null : d.Result.Notes,
    }).ToList();

    private static string Symbol(DriftResult result) => result switch
    {
        DriftResult.InSync => "=",
        DriftResult.Drifted => "~",
        DriftResult.Gone => "-",
        DriftResult.CouldNotCheck => "!",
        _ => "?",
    };

    private static void Add(List<string> parts, int count, string label)
    {
        if (count > 0)
        {
            parts.Add($"{count} {label}");
        }
    }
}

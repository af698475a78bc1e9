namespace Stagecraft.Cli.Rendering.Plans;

/// <summary>
/// 'plan --format markdown': the plan as one or more pull-request comments, each under a size limit,
/// each complete on its own, each starting with a marker a pipeline can find to update its own comment.
/// </summary>
internal static class MarkdownPlan
{
    public const int DefaultMaxCommentSize = 65_000;

    /// <summary>Room for the marker, the heading and a table header with one row.</summary>
    public const int MinimumCommentSize = 1_000;

    private const string TableHeader = "| Stage | Kind | Action | Reason |\n| --- | --- | --- | --- |";

    public static IReadOnlyList<string> Render(Plan plan, IReadOnlyList<StageRemoteChanges>? remote, int maxCommentSize)
    {
        if (maxCommentSize < MinimumCommentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCommentSize), $"a comment must allow at least {MinimumCommentSize} characters");
        }

        // The preamble's length with the widest part numbers a plan can have, so the real one always fits.
        var reserve = Preamble(plan, 999_999, 999_999).Length;
        var bodies = CommentSplitter.Split(Blocks(plan, remote), maxCommentSize - reserve);
        return bodies.Select((body, index) => Preamble(plan, index + 1, bodies.Count) + body).ToList();
    }

    /// <summary>The marker of part <paramref name="part"/>: an HTML comment, invisible once rendered.</summary>
    public static string Marker(string project, string environment, int part, int parts) =>
        string.Create(CultureInfo.InvariantCulture, $"<!-- stagecraft-plan project=\"{project}\" environment=\"{environment}\" part=\"{part}/{parts}\" -->");

    private static string Preamble(Plan plan, int part, int parts)
    {
        var heading = $"### Stagecraft plan: {MarkdownText.Cell(plan.Project)} → {MarkdownText.Cell(plan.Environment)}";
        if (parts > 1)
        {
            heading += string.Create(CultureInfo.InvariantCulture, $" (part {part} of {parts})");
        }

        return Marker(plan.Project, plan.Environment, part, parts) + "\n" + heading + "\n\n";
    }

    private static IEnumerable<MarkdownBlock> Blocks(Plan plan, IReadOnlyList<StageRemoteChanges>? remote)
    {
        yield return new TextBlock(PlanRenderer.Summary(plan) + (plan.Targeted ? " Only the named stages were planned." : ""));
        if (plan.Stages.Count > 0)
        {
            yield return new TableBlock(TableHeader, plan.Stages.Select(Row).ToList());
        }

        if (remote is null)
        {
            yield break;
        }

        if (remote.Count == 0)
        {
            yield return new TextBlock("No changing stage can describe its changes remotely.");
            yield break;
        }

        yield return new TextBlock("#### Resource changes");
        foreach (var stage in remote)
        {
            var lines = stage.Changes.Changes.Count == 0
                ? ["(no resource changes)"]
                : stage.Changes.Changes.Select(c => $"{c.Action,-8} {c.Type,-34} {c.Resource}{(c.Detail is null ? "" : $"  ({c.Detail})")}").ToList();
            yield return new FoldedCodeBlock($"{stage.Stage}: {stage.Changes.Summary}", lines);
        }
    }

    private static string Row(PlannedStage stage)
    {
        var reasons = stage.Reasons.Count == 0 ? "" : string.Join("; ", stage.Reasons);
        return $"| {MarkdownText.Cell(stage.Name)} | {MarkdownText.Cell(stage.Kind)} | {Bold(stage)} | {MarkdownText.Cell(reasons)} |";
    }

    // Changes stand out in the review; unchanged stages stay plain.
    private static string Bold(PlannedStage stage) => stage.IsChange ? $"**{ActionText.Of(stage.Action)}**" : ActionText.Of(stage.Action);
}

namespace Stagecraft.Cli.Reports;

/// <summary>
/// The chain of stages that decided when the run ended, on the real clock: from the stage that finished
/// last, back through the dependency that finished last before each one started.
/// </summary>
internal static class CriticalPath
{
    public static IReadOnlyList<string> Find(IReadOnlyList<ReportStage> stages)
    {
        var ran = stages.Where(s => s.Ran).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var current = ran.Values.OrderByDescending(s => s.End).ThenBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault();
        var path = new List<string>();
        while (current is not null)
        {
            path.Add(current.Name);
            current = current.DependsOn
                .Select(d => ran.GetValueOrDefault(d))
                .Where(d => d is not null && d.End <= current.Start + Slack)
                .OrderByDescending(d => d!.End)
                .ThenBy(d => d!.Name, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        path.Reverse();
        return path;
    }

    // Start and end times are recorded separately; a dependency's end may trail its consumer's start by a hair.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);
}

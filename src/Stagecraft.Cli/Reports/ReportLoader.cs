using System.Reflection;
using Stagecraft.Local.Kinds.Service;

namespace Stagecraft.Cli.Reports;

/// <summary>Gathers a run's report from history, state and the stage logs.</summary>
internal static class ReportLoader
{
    private const int TailLines = 15;
    private const int FullLogLimit = 256 * 1024;
    private const int PreviousRunsSearched = 30;

    public static async Task<ReportModel> LoadAsync(EnvironmentSession session, long? runId, TimeProvider time, CancellationToken cancellationToken)
    {
        var runs = await session.State.ListRunsAsync(PreviousRunsSearched + 1000, cancellationToken).ConfigureAwait(false);
        var id = runId ?? (runs.Count > 0 ? runs[0].Id : throw new InvalidInputException($"no runs yet in environment {session.Environment.Name}: nothing to report", "deploy first, then run 'stagecraft report'"));
        var run = await session.State.GetRunAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidInputException($"there is no run {id} in environment {session.Environment.Name}", "see 'stagecraft history' for the runs there are");
        var snapshot = await session.State.LoadAsync(cancellationToken).ConfigureAwait(false);
        var previous = await PreviousSuccessesAsync(session, runs.Where(r => r.Id < id).Take(PreviousRunsSearched), run.Stages.Select(s => s.Stage), cancellationToken).ConfigureAwait(false);
        var mask = session.Masker.Apply;

        var ends = run.Stages.Where(s => s.StartedAt is not null).ToDictionary(s => s.Stage, s => s.StartedAt!.Value + s.Duration, StringComparer.Ordinal);
        var stages = new List<ReportStage>();
        foreach (var line in run.Stages)
        {
            var dependsOn = DependenciesOf(session, snapshot, line.Stage);
            var ran = line.StartedAt is not null && ends.ContainsKey(line.Stage);
            var ready = ran ? dependsOn.Where(ends.ContainsKey).Select(d => ends[d]).Append(run.Summary.StartedAt).Max() : (DateTimeOffset?)null;
            if (ready > line.StartedAt)
            {
                ready = line.StartedAt;
            }

            var (tail, full, hints) = ReadLog(session.Project.Directory, line.LogPath, mask);
            var record = snapshot.Find(line.Stage);
            var outputs = record is not null && record.LastRunId == id
                ? record.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new KeyValuePair<string, string>(o.Key, mask(o.Value.ToString()))).ToList()
                : [];
            stages.Add(new ReportStage(line.Stage, line.Kind, ActionText.Of(line.Action), ActionText.Of(line.Result),
                ran ? line.StartedAt : null, ran ? line.StartedAt + line.Duration : null, ready, line.Duration,
                line.Reason is null ? null : mask(line.Reason), line.Error is null ? null : mask(line.Error), hints, tail, full, outputs, dependsOn,
                previous.GetValueOrDefault(line.Stage))
            {
                Traffic = line.LogPath is { } log && ran ? ReleaseTrafficFile.Read(Path.IsPathRooted(log) ? log : Path.Combine(session.Project.Directory, log)) : null,
            });
        }

        var critical = CriticalPath.Find(stages).ToHashSet(StringComparer.Ordinal);
        var summary = run.Summary;
        return new ReportModel(id, session.Project.Name, session.Environment.Name, summary.Verb, Status(summary.Status), summary.User, summary.Host,
            summary.StartedAt, summary.FinishedAt, mask(summary.Arguments), summary.Note is null ? null : mask(summary.Note), Version, time.GetUtcNow(),
            stages.Select(s => s with { Critical = critical.Contains(s.Name) }).ToList());
    }

    public static string Version =>
        typeof(ReportLoader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.WaitingForApproval => "waiting for approval",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static IReadOnlyList<string> DependenciesOf(EnvironmentSession session, StateSnapshot snapshot, string stage) =>
        session.Graph.Contains(stage) ? session.Graph.UpstreamOf(stage).ToList() : snapshot.Find(stage)?.DependsOn ?? [];

    private static async Task<Dictionary<string, TimeSpan>> PreviousSuccessesAsync(EnvironmentSession session, IEnumerable<RunSummary> earlier, IEnumerable<string> wanted, CancellationToken cancellationToken)
    {
        var missing = wanted.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var summary in earlier)
        {
            if (missing.Count == 0)
            {
                break;
            }

            var detail = await session.State.GetRunAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            foreach (var line in detail?.Stages ?? [])
            {
                if (line.Result == StageResult.Succeeded && missing.Remove(line.Stage))
                {
                    found[line.Stage] = line.Duration;
                }
            }
        }

        return found;
    }

    private static (IReadOnlyList<string> Tail, string? Full, IReadOnlyList<string> Hints) ReadLog(string projectDirectory, string? logPath, Func<string, string> mask)
    {
        if (logPath is null)
        {
            return ([], null, []);
        }

        var path = Path.IsPathRooted(logPath) ? logPath : Path.Combine(projectDirectory, logPath);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([$"(log {logPath} could not be read: {ex.Message})"], null, []);
        }

        text = mask(text.Length > FullLogLimit ? "… (earlier lines left out)\n" + text[^FullLogLimit..] : text);
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var hints = lines.Reverse().TakeWhile(l => l.StartsWith("hint: ", StringComparison.Ordinal)).Select(l => l["hint: ".Length..]).Reverse().ToList();
        var tail = lines.Length <= TailLines ? lines : lines[^TailLines..];
        return (tail, lines.Length > TailLines ? text : null, hints);
    }
}

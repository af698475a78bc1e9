namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Runs a lifecycle event's hooks one after another: argv [location] (through setpriv for 'runas'),
/// in the release directory, with CodeDeploy's variables. A non-zero exit or a timeout fails the release.
/// </summary>
internal sealed class HookRunner(IProcessRunner runner)
{
    private const int FailureTailLines = 20;

    public async Task RunAsync(string lifecycleEvent, HookPlan plan, ReleaseContext release, IReleaseProgress progress, CancellationToken cancellationToken)
    {
        foreach (var step in plan.For(lifecycleEvent))
        {
            var shown = step.Location.StartsWith(release.Directory + "/", StringComparison.Ordinal) ? Path.GetRelativePath(release.Directory, step.Location) : step.Location;
            progress.Status($"{lifecycleEvent}: {shown}");
            progress.Line($"[{lifecycleEvent}] running {shown} ({step.Source}{(step.RunAs is null ? "" : ", as " + step.RunAs)}, timeout {step.Timeout.TotalSeconds:0.###}s)");
            var tail = new Queue<string>();
            var spec = new ProcessSpec
            {
                Arguments = Arguments(step),
                WorkingDirectory = release.Directory,
                Environment = HookEnvironment.For(lifecycleEvent, release),
                Timeout = step.Timeout,
                KillGrace = TimeSpan.FromSeconds(2),
            };

            ProcessResult result;
            try
            {
                result = await runner.RunAsync(spec, line =>
                {
                    progress.Line($"[{lifecycleEvent}] {line.Text}");
                    tail.Enqueue(line.Text);
                    if (tail.Count > FailureTailLines)
                    {
                        tail.Dequeue();
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (StageFailedException ex)
            {
                throw new ReleaseFailedException($"{lifecycleEvent} hook {shown}: {ex.Message}", hint: ex.Hint);
            }

            if (result.TimedOut)
            {
                throw new ReleaseFailedException($"{lifecycleEvent} hook {shown} did not finish within its timeout of {step.Timeout.TotalSeconds:0.###}s; its process tree was killed", [.. tail]);
            }

            if (result.ExitCode != 0)
            {
                throw new ReleaseFailedException($"{lifecycleEvent} hook {shown} exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}", [.. tail]);
            }
        }
    }

    private static List<string> Arguments(HookStep step)
    {
        if (step.RunAs is null)
        {
            return [step.Location];
        }

        var (uid, gid) = UserAccounts.Find(step.RunAs) ?? throw new ReleaseFailedException($"runas user '{step.RunAs}' does not exist");
        return ["setpriv", $"--reuid={uid.ToString(CultureInfo.InvariantCulture)}", $"--regid={gid.ToString(CultureInfo.InvariantCulture)}", "--init-groups", "--", step.Location];
    }
}

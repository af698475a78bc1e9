using Stagecraft.Host;

namespace Stagecraft.Host.Processes;

/// <summary>
/// Ends what a crashed CLI's stages left running on this host, before the run that took over its
/// lock starts anything: the process groups in the ledger whose leader still has the recorded start
/// time (a recycled pid never matches), and the groups of any process tagged with that CLI
/// (<see cref="StageProcessTag"/>). SIGTERM first, SIGKILL after a bounded wait.
/// </summary>
internal static class LeftoverProcesses
{
    private const string ProcRoot = "/proc";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<IReadOnlyList<EndedProcessGroup>> EndAsync(LockInfo deadHolder, IReadOnlyList<StageProcess> recorded)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Path.Combine(ProcRoot, "self")))
        {
            return [];
        }

        var targets = Find(deadHolder, recorded);
        if (targets.Count == 0)
        {
            return [];
        }

        Signal(targets.Keys, PosixNative.SigTerm);
        if (!await WaitGoneAsync(targets.Keys, Grace).ConfigureAwait(false))
        {
            Signal(targets.Keys, PosixNative.SigKill);
            await WaitGoneAsync(targets.Keys, KillWait).ConfigureAwait(false);
        }

        return targets.Values.OrderBy(t => t.RunId).ThenBy(t => t.Stage, StringComparer.Ordinal).ToList();
    }

    /// <summary>Process groups to end, by group id; never ours, never init's.</summary>
    private static Dictionary<int, EndedProcessGroup> Find(LockInfo deadHolder, IReadOnlyList<StageProcess> recorded)
    {
        var ownGroup = PosixNative.ProcessGroupOf(Environment.ProcessId);
        var targets = new Dictionary<int, EndedProcessGroup>();
        void Add(int group, long? runId, string stage)
        {
            if (group > 1 && group != ownGroup)
            {
                targets.TryAdd(group, new EndedProcessGroup(runId, stage, group));
            }
        }

        foreach (var process in recorded)
        {
            if (process.ProcessGroup > 1 && SystemHostInfo.StartTimeOf(process.Pid) == process.StartTime && PosixNative.ProcessGroupOf(process.Pid) == process.ProcessGroup)
            {
                Add(process.ProcessGroup, process.RunId, process.Stage);
            }
        }

        var owner = StageProcessTag.Owner(deadHolder.Pid, deadHolder.PidStart);
        foreach (var (pid, runId, stage) in Tagged(owner))
        {
            Add(PosixNative.ProcessGroupOf(pid), runId, stage);
        }

        return targets;
    }

    private static IEnumerable<(int Pid, long RunId, string Stage)> Tagged(string owner)
    {
        var prefix = StageProcessTag.Variable + "=";
        foreach (var (pid, variables) in ProcessEnvironments.OfOtherProcesses())
        {
            foreach (var variable in variables)
            {
                if (variable.StartsWith(prefix, StringComparison.Ordinal) && StageProcessTag.Parse(variable[prefix.Length..], owner) is { } tag)
                {
                    yield return (pid, tag.RunId, tag.Stage);
                }
            }
        }
    }

    private static void Signal(IEnumerable<int> groups, int signal)
    {
        foreach (var group in groups)
        {
            PosixNative.Signal(-group, signal);
        }
    }

    // Real time: these waits are about real processes dying. Zombies do not count (see ProcessGroupProbe).
    private static async Task<bool> WaitGoneAsync(IEnumerable<int> groups, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (groups.Any(ProcessGroupProbe.HasLiveMembers))
        {
            if (clock.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        return true;
    }
}

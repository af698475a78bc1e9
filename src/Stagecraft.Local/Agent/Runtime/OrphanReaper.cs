using Stagecraft.Host;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// After an agent restart (a crash, kill -9), instances the previous agent started may still run: their
/// output pipes are broken and nobody supervises them. They are stopped (SIGTERM, then SIGKILL) rather
/// than adopted, so no orphan keeps a port; the live release is then started afresh.
/// </summary>
internal static class OrphanReaper
{
    private static readonly SystemHostInfo Host = new();

    public static async Task StopAsync(string serviceId, IReadOnlyList<InstanceRecord> records, ILogger logger)
    {
        var alive = records.Where(r => r.StartTime is { } start && Host.ProcessStart(r.Pid) == start).ToList();
        foreach (var record in alive)
        {
            PosixNative.Signal(-record.Pid, PosixNative.SigTerm);
            PosixNative.Signal(record.Pid, PosixNative.SigTerm);
        }

        await WaitGoneAsync(alive).ConfigureAwait(false);

        foreach (var record in alive)
        {
            if (IsRunning(record))
            {
                PosixNative.Signal(-record.Pid, PosixNative.SigKill);
                PosixNative.Signal(record.Pid, PosixNative.SigKill);
            }

            AgentLog.OrphanStopped(logger, record.Pid, serviceId, record.Release);
        }

        await WaitGoneAsync(alive).ConfigureAwait(false);
    }

    // A bounded wait on real processes dying: at most 5 s, then the reaper moves on.
    private static async Task WaitGoneAsync(IReadOnlyList<InstanceRecord> records)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (records.Any(IsRunning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static bool IsRunning(InstanceRecord record) =>
        Host.ProcessStart(record.Pid) == record.StartTime || ProcessGroupProbe.HasLiveMembers(record.Pid);
}

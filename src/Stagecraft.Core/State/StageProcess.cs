namespace Stagecraft.Core.State;

/// <summary>
/// A process a stage started, recorded while it runs so that a run taking over the lock after a crash
/// can find it. The process leads its own group (<see cref="ProcessGroup"/>); <see cref="StartTime"/>
/// (clock ticks since boot) tells it from a later process that reuses the pid. The holder fields name
/// the lock holder (the CLI) that started it.
/// </summary>
public sealed record StageProcess(
    long RunId,
    string Stage,
    string Host,
    int Pid,
    int ProcessGroup,
    long StartTime,
    int HolderPid,
    long? HolderStart)
{
    /// <summary>Whether the lock holder <paramref name="holder"/> started this process.</summary>
    public bool StartedBy(LockInfo holder) => Host == holder.Host && HolderPid == holder.Pid && HolderStart == holder.PidStart;
}

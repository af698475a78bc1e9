namespace Stagecraft.Core.Engine;

/// <summary>Who and where this process is, and whether another process still lives (for stale locks).</summary>
public interface IHostInfo
{
    string UserName { get; }

    string HostName { get; }

    int ProcessId { get; }

    /// <summary>An identifier of when a process started (so a reused pid is not mistaken for it); null if it does not exist.</summary>
    long? ProcessStart(int pid);

    /// <summary>Reads an environment variable of this process (for ${os:NAME}).</summary>
    string? GetEnvironmentVariable(string name);

    /// <summary>
    /// Ends the process groups that <paramref name="deadHolder"/>, a lock holder of this host whose
    /// process is gone, left running: the <paramref name="recorded"/> ones whose identity still holds,
    /// and any other process tagged as its own. Returns what it ended. A host that cannot see processes ends none.
    /// </summary>
    Task<IReadOnlyList<EndedProcessGroup>> EndLeftoverProcessesAsync(LockInfo deadHolder, IReadOnlyList<StageProcess> recorded, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EndedProcessGroup>>([]);
}

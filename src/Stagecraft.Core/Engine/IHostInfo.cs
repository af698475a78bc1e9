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
}

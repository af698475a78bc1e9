namespace Stagecraft.Local.Agent.Protocol;

/// <summary>
/// The control channel: one JSON object per line over the agent's Unix socket. A client sends one
/// request per connection; the agent answers with zero or more progress lines and one final line.
/// Every line carries <see cref="Version"/>, so a CLI and an agent of different versions fail clearly.
/// </summary>
public static class AgentProtocol
{
    public const int Version = 1;

    // Requests.
    public const string Status = "status";
    public const string Release = "release";
    public const string Abort = "abort";
    public const string Rollback = "rollback";

    /// <summary>How a release that a failed bake switched back begins its error (notifications report it as rolled back).</summary>
    public const string BakeRevertedPrefix = "bake failed: ";

    /// <summary>How a rollout's abort begins; the CLI tells 'rolled_back' watchers by it, as by <see cref="BakeRevertedPrefix"/>.</summary>
    public const string RolloutAbortedPrefix = "rollout aborted at ";
    public const string StopService = "stop-service";
    public const string RolloutStatus = "rollout-status";
    public const string RolloutPromote = "rollout-promote";
    public const string RolloutAbort = "rollout-abort";
    public const string Shutdown = "shutdown";

    // Answers: progress lines, then exactly one of result or error.
    public const string Log = "log";
    public const string Progress = "status";
    public const string Result = "result";
    public const string Error = "error";
}

namespace Stagecraft.Local.Agent;

/// <summary>The agent's own log messages (source-generated).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(100, LogLevel.Information, "Agent {Pid} listening on {Socket}")]
    public static partial void Started(ILogger logger, int pid, string socket);

    [LoggerMessage(101, LogLevel.Information, "Agent stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(102, LogLevel.Error, "Request failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(103, LogLevel.Information, "{Service}: {Text}")]
    public static partial void ReleaseLine(ILogger logger, string service, string text);

    // The exception's message only (masked by the caller): a stack trace could carry an env value.
    [LoggerMessage(108, LogLevel.Error, "{Service}: {Text} ({Exception})")]
    public static partial void ReleaseError(ILogger logger, string service, string text, string exception);

    [LoggerMessage(104, LogLevel.Information, "{Service}: restored {Release} on {Listen}")]
    public static partial void Restored(ILogger logger, string service, string release, string listen);

    [LoggerMessage(105, LogLevel.Error, "{Service}: could not be brought back: {Reason}")]
    public static partial void RestoreFailed(ILogger logger, string service, string reason);

    [LoggerMessage(106, LogLevel.Warning, "Stopped leftover process {Pid} of {Service} ({Release}) from before the agent restarted")]
    public static partial void OrphanStopped(ILogger logger, int pid, string service, string release);

    [LoggerMessage(107, LogLevel.Information, "{Request} {Service} from {Client}")]
    public static partial void Request(ILogger logger, string request, string service, string client);
}

namespace Stagecraft.Local.Agent.Metrics;

internal static partial class MetricsLog
{
    [LoggerMessage(900, LogLevel.Information, "Metrics at http://{Address}/metrics")]
    public static partial void Serving(ILogger logger, string address);

    [LoggerMessage(901, LogLevel.Information, "Metrics are off")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(902, LogLevel.Warning, "Metrics are off: the default address {Address} is taken ({Reason}); set another with 'agent --metrics ADDR' or 'metrics:' in agent.yml")]
    public static partial void DefaultTaken(ILogger logger, string address, string reason);
}

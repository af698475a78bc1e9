namespace Stagecraft.Local.Agent.Metrics;

/// <summary>Starts the agent's metrics server as its setting says.</summary>
internal static class MetricsEndpoint
{
    /// <returns>The running server; null when metrics are off, or when the default address was taken.</returns>
    /// <exception cref="StagecraftException">An address the operator chose could not be bound.</exception>
    public static async Task<MetricsServer?> StartAsync(MetricsSetting setting, AgentMetrics? metrics, ILoggerFactory logging, TimeProvider time, CancellationToken cancellationToken)
    {
        var logger = logging.CreateLogger("Stagecraft.Agent");
        if (setting.Address is not { } address || metrics is null)
        {
            MetricsLog.Off(logger);
            return null;
        }

        try
        {
            var server = await MetricsServer.StartAsync(address, metrics, logging, time, cancellationToken).ConfigureAwait(false);
            MetricsLog.Serving(logger, server.Endpoint.ToString());
            return server;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // Several agents on one host (one per user or per test home) cannot all have the default port; only
            // an address somebody chose is worth refusing to start over.
            if (setting.IsDefault)
            {
                MetricsLog.DefaultTaken(logger, setting.ToString(), ex.Message);
                return null;
            }

            throw new StagecraftException($"the agent cannot serve metrics on {setting}: {ex.Message}", ExitCodes.StageFailed,
                "choose a free address with --metrics ADDR (or 'metrics:' in agent.yml), or switch metrics off with --metrics off");
        }
    }
}

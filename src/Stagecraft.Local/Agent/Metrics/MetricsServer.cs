namespace Stagecraft.Local.Agent.Metrics;

/// <summary>Serves <c>GET /metrics</c> (Prometheus text format) on the agent's metrics address; anything else is a 404.</summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly KestrelEndpoint _endpoint;

    private MetricsServer(KestrelEndpoint endpoint) => _endpoint = endpoint;

    public IPEndPoint Endpoint => _endpoint.Endpoint;

    public static async Task<MetricsServer> StartAsync(IPEndPoint address, AgentMetrics metrics, ILoggerFactory logging, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new ListenerOptions(address) { LoggerFactory = logging, TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        var endpoint = await KestrelEndpoint.StartAsync(options, context => ServeAsync(context, metrics), certificates: null, cancellationToken).ConfigureAwait(false);
        return new MetricsServer(endpoint);
    }

    private static async Task ServeAsync(HttpContext context, AgentMetrics metrics)
    {
        var request = context.Request;
        if (request.Path != "/metrics")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }

        context.Response.ContentType = ContentType;
        if (HttpMethods.IsGet(request.Method))
        {
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}

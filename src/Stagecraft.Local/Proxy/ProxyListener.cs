using Microsoft.Extensions.Logging.Abstractions;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// One public address shared by any number of services: each request goes to the <see cref="ServiceProxy"/>
/// its Host and path select (<see cref="RouteTable"/>); one no route claims gets a short plain 404. Behind TLS
/// each handshake gets the certificate of the route its SNI name selects.
/// </summary>
public sealed class ProxyListener : IAsyncDisposable
{
    private static readonly byte[] NotFoundBody = Encoding.ASCII.GetBytes("404: no service here for this host\n");

    private readonly ILogger _logger;
    private KestrelEndpoint? _endpoint;
    private RouteTable _routes = RouteTable.Empty;

    private ProxyListener(ListenerOptions options)
    {
        Options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ProxyListener>();
    }

    public ListenerOptions Options { get; }

    /// <summary>The endpoint actually bound.</summary>
    public IPEndPoint Endpoint => _endpoint?.Endpoint ?? Options.Endpoint;

    public RouteTable Routes => Volatile.Read(ref _routes);

    public static async Task<ProxyListener> StartAsync(ListenerOptions options, RouteTable routes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(routes);
        var listener = new ProxyListener(options) { _routes = routes };
        listener._endpoint = await KestrelEndpoint.StartAsync(options, listener.HandleAsync, options.Tls ? listener.SelectCertificate : null, ct)
            .ConfigureAwait(false);
        ProxyLog.Listening(listener._logger, listener.Endpoint);
        return listener;
    }

    /// <summary>Every request that starts after this returns is routed by <paramref name="routes"/>.</summary>
    public void SetRoutes(RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Volatile.Write(ref _routes, routes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is { } endpoint)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = Volatile.Read(ref _routes).Match(request.Headers.Host.ToString(), request.Path.Value);
        return route is null ? NotFoundAsync(context) : route.Proxy.HandleAsync(context);
    }

    private SslStreamCertificateContext? SelectCertificate(string? serverName) => Volatile.Read(ref _routes).MatchServerName(serverName)?.Certificate?.Current;

    private static async Task NotFoundAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = NotFoundBody.Length;
        response.Headers.CacheControl = "no-store";
        try
        {
            await response.Body.WriteAsync(NotFoundBody, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away.
        }
    }
}

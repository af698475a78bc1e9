namespace Stagecraft.Local.Proxy;

/// <summary>
/// The plain-HTTP side of ACME services (<c>http_listen</c>): answers HTTP-01 challenges
/// (<c>GET /.well-known/acme-challenge/{token}</c>) from the agent's store and sends everything else to HTTPS
/// with a 308 to the same host and path, on the HTTPS port of the service that host routes to.
/// </summary>
public sealed class HttpChallengeListener : IAsyncDisposable
{
    private static readonly byte[] NotFoundBody = Encoding.ASCII.GetBytes("404: no such challenge\n");

    private readonly Http01ChallengeStore _challenges;
    private KestrelEndpoint? _endpoint;

    // Host routes whose "proxy" stands for nothing here: the route name is the HTTPS port to redirect to.
    private RouteTable _httpsPorts = RouteTable.Empty;

    private HttpChallengeListener(Http01ChallengeStore challenges) => _challenges = challenges;

    public IPEndPoint Endpoint => _endpoint!.Endpoint;

    public static async Task<HttpChallengeListener> StartAsync(ListenerOptions options, Http01ChallengeStore challenges, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(challenges);
        var listener = new HttpChallengeListener(challenges);
        listener._endpoint = await KestrelEndpoint.StartAsync(options with { Tls = false }, listener.HandleAsync, null, ct).ConfigureAwait(false);
        return listener;
    }

    /// <summary>Which HTTPS port each host is redirected to: routes named by the port number.</summary>
    public void SetRedirects(RouteTable httpsPorts) => Volatile.Write(ref _httpsPorts, httpsPorts);

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is { } endpoint)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith(Http01ChallengeStore.PathPrefix, StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            if (_challenges.TryGet(path[Http01ChallengeStore.PathPrefix.Length..], out var answer))
            {
                await WriteAsync(context, StatusCodes.Status200OK, "application/octet-stream", Encoding.ASCII.GetBytes(answer)).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", NotFoundBody).ConfigureAwait(false);
            }

            return;
        }

        var host = request.Headers.Host.ToString();
        var route = Volatile.Read(ref _httpsPorts).Match(host, path);
        var name = HostPattern.NameOf(host).ToString();
        if (route is null || name.Length == 0)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", Encoding.ASCII.GetBytes("404: no service here for this host\n")).ConfigureAwait(false);
            return;
        }

        var port = int.Parse(route.Name, CultureInfo.InvariantCulture);
        var authority = port == 443 ? name : $"{name}:{route.Name}";
        response.StatusCode = StatusCodes.Status308PermanentRedirect;
        response.Headers.Location = $"https://{authority}{request.PathBase}{path}{request.QueryString}";
        response.ContentLength = 0;
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        try
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away.
        }
    }
}

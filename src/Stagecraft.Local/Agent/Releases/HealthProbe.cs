namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// GET the health path on an instance's loopback port. 2xx is healthy; anything else is not,
/// redirects included (they are not followed: a login redirect must not pass for a healthy app).
/// </summary>
internal sealed class HealthProbe : IDisposable
{
    private readonly HttpClient _client;

    public HealthProbe()
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<HealthResult> CheckAsync(Uri instance, HealthSpec spec, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, spec.Path));
        if (spec.Host is { Length: > 0 } host)
        {
            request.Headers.Host = host;
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new HealthResult(true, status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                >= 300 and < 400 => new HealthResult(false, $"{status} (a redirect is not healthy)"),
                _ => new HealthResult(false, status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthResult(false, $"no answer within {spec.Timeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException ex)
        {
            return new HealthResult(false, Describe(ex));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? "connection refused"
            : ex.HttpRequestError == HttpRequestError.ConnectionError ? "cannot connect" : ex.Message;
}

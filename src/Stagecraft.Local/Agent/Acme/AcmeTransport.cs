using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// Requests to one ACME server: the directory, nonces (from newNonce and from the Replay-Nonce of every reply),
/// signed POSTs retried with the fresh nonce on <c>badNonce</c>, tries repeated a bounded number of times when the
/// server cannot be reached, and error replies turned into <see cref="AcmeException"/> carrying the problem document.
/// </summary>
internal sealed class AcmeTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _directoryUrl;
    private readonly AcmeClientOptions _options;
    private readonly TimeProvider _time;
    private AcmeDirectory? _directory;
    private string? _nonce;

    public AcmeTransport(Uri directoryUrl, HttpMessageHandler handler, AcmeClientOptions options, TimeProvider time)
    {
        _directoryUrl = directoryUrl;
        _options = options;
        _time = time;
        _http = new HttpClient(handler) { Timeout = options.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("stagecraft-acme/1");
    }

    /// <summary>How many requests were sent again after a badNonce refusal (tests read it).</summary>
    public int BadNonceRetries { get; private set; }

    public async Task<AcmeDirectory> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is null)
        {
            var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _directoryUrl), "the directory", cancellationToken);
            _directory = AcmeDirectory.Parse(_directoryUrl, ThrowIfError(response, $"the ACME directory {_directoryUrl} failed").Body);
        }

        return _directory;
    }

    /// <summary>A signed POST (payload null: POST-as-GET). Error replies throw; <paramref name="what"/> names the step in the message.</summary>
    public async Task<AcmeResponse> PostAsync(Uri url, AcmeAccountKey key, string? accountUrl, JsonNode? payload, string what, CancellationToken cancellationToken, string accept = "application/json")
    {
        for (var retry = 0; ; retry++)
        {
            var nonce = await NonceAsync(cancellationToken);
            var body = AcmeJws.Sign(key, url, nonce, accountUrl, payload);
            var response = await SendAsync(() => SignedRequest(url, body, accept), what, cancellationToken);
            if (IsBadNonce(response) && retry < _options.BadNonceRetries)
            {
                // The refusal carried a fresh nonce in its Replay-Nonce (taken by SendAsync): sign again with it.
                BadNonceRetries++;
                continue;
            }

            return ThrowIfError(response, $"{what} failed ({url})");
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage SignedRequest(Uri url, string body, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    private static bool IsBadNonce(AcmeResponse response) =>
        (int)response.Status >= 400 && AcmeProblem.Parse(response.Body) is { } problem && problem.Is(AcmeProblem.BadNonce);

    private static AcmeResponse ThrowIfError(AcmeResponse response, string what)
    {
        if ((int)response.Status < 400)
        {
            return response;
        }

        var problem = AcmeProblem.Parse(response.Body);
        throw problem is not null
            ? problem.ToException($"{what}: the server answered {(int)response.Status}")
            : new AcmeException($"{what}: the server answered {(int)response.Status} without a problem document");
    }

    private async Task<string> NonceAsync(CancellationToken cancellationToken)
    {
        if (_nonce is null)
        {
            var directory = await DirectoryAsync(cancellationToken);
            ThrowIfError(await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, directory.NewNonce), "a nonce", cancellationToken), "newNonce failed");
        }

        var nonce = _nonce ?? throw new AcmeException($"the ACME server at {_directoryUrl} sent no Replay-Nonce");
        _nonce = null; // A nonce is good for one request.
        return nonce;
    }

    /// <summary>One exchange, tried again (a bounded number of times, with growing pauses) while the server cannot be reached.</summary>
    private async Task<AcmeResponse> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken cancellationToken)
    {
        var delay = _options.NetworkRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = request();
                using var response = await _http.SendAsync(message, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.Headers.TryGetValues("Replay-Nonce", out var nonces))
                {
                    _nonce = nonces.FirstOrDefault() ?? _nonce;
                }

                return new AcmeResponse(response.StatusCode, Location(message.RequestUri!, response), RetryAfter(response), body);
            }
            catch (HttpRequestException ex) when (ex.InnerException is System.Security.Authentication.AuthenticationException refused)
            {
                // Not transient: trying again would only be refused again.
                throw new AcmeException(
                    $"the ACME server at {_directoryUrl} presented a TLS certificate that is not trusted ({refused.Message}); "
                    + "for a private ACME server set tls.acme.ca_bundle to the PEM of the CA that signs its HTTPS certificate", inner: ex);
            }
            catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
            {
                if (attempt >= _options.NetworkAttempts)
                {
                    throw new AcmeException(
                        $"the ACME server at {_directoryUrl} could not be reached for {what} after {attempt} attempts: {Reason(ex)}", inner: ex);
                }
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay *= 2;
        }
    }

    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Reason(Exception ex) =>
        ex is TaskCanceledException ? "no answer in time"
        : ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} {inner.Message}"
        : ex.Message;

    private static Uri? Location(Uri requested, HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(requested, location) : null;

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };
}

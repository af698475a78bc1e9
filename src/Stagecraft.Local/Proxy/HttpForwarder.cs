using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Stagecraft.Local.Proxy;

/// <summary>Forwards one client request to one backend of its pool and streams the answer back.</summary>
internal sealed class HttpForwarder(HttpMessageInvoker invoker, ProxyOptions options, ILogger logger)
{
    private const int MaxBufferSize = 64 * 1024;
    private const int MinBufferSize = 256;

    private readonly ProxyOptions _options = options;
    private IReadOnlyList<IPNetwork> _trustedProxies = options.TrustedProxies;

    /// <summary>Replaced whole when a release changes <c>trusted_proxies</c>; each request reads it once.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies
    {
        get => Volatile.Read(ref _trustedProxies);
        set => Volatile.Write(ref _trustedProxies, value);
    }

    public async Task ForwardAsync(HttpContext context, RequestLease lease)
    {
        var pool = lease.Pool;
        var target = pool.PickBackend();
        if (target is null)
        {
            pool.CountServerError();
            lease.BackendFailed = true;
            await WriteErrorAsync(context, StatusCodes.Status502BadGateway, ProxyErrorWriter.NoHealthyBackend, pool).ConfigureAwait(false);
            return;
        }

        var isWebSocket = IsWebSocketRequest(context);
        var hasBody = !isWebSocket && HasBody(context);
        var retried = false;
        HttpRequestMessage request;
        HttpResponseMessage response;
        while (true)
        {
            request = RequestTranslator.Create(context, target, isWebSocket, hasBody, TrustedProxies, lease.Token);
            var headerTimer = StartHeaderTimer(lease);
            try
            {
                // HttpMessageInvoker returns as soon as the headers are in (the ResponseHeadersRead behaviour);
                // the body is streamed below.
                response = await invoker.SendAsync(request, lease.Token).ConfigureAwait(false);
                headerTimer?.Dispose();
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or BadHttpRequestException)
            {
                headerTimer?.Dispose();
                request.Dispose();
                if (lease.IsAborted || FindBadRequest(ex) is not null)
                {
                    await WriteAbortedAsync(context, lease, ex, target).ConfigureAwait(false);
                    return;
                }

                pool.CountServerError();
                if (!retried && !hasBody && IsIdempotentWithoutBody(context.Request.Method) && IsConnectFailure(ex)
                    && pool.PickAfter(target) is { } next)
                {
                    // Nothing reached the backend, so a safe request may try one other instance.
                    ProxyLog.Retrying(logger, ex, target, next);
                    target = next;
                    retried = true;
                    continue;
                }

                ProxyLog.ForwardFailed(logger, ex, target);
                lease.BackendFailed = true;
                var error = IsConnectFailure(ex) ? ProxyErrorWriter.BackendUnreachable : ProxyErrorWriter.BackendFailed;
                await WriteErrorAsync(context, StatusCodes.Status502BadGateway, error, pool).ConfigureAwait(false);
                return;
            }
        }

        using (request)
        using (response)
        {
            if (lease.IsAborted)
            {
                // The header timer or a drain fired just as the headers arrived; honour it.
                await WriteAbortedAsync(context, lease, null, target).ConfigureAwait(false);
                return;
            }

            if (isWebSocket && response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                await WebSocketRelay.RunAsync(context, response, lease, _options).ConfigureAwait(false);
                return;
            }

            if ((int)response.StatusCode >= StatusCodes.Status500InternalServerError)
            {
                pool.CountServerError();
            }

            ResponseTranslator.CopyStatusAndHeaders(response, context.Response, isWebSocketUpgrade: false);
            try
            {
                await CopyBodyAsync(response.Content, context.Response.Body, lease.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                if (lease.IsAborted)
                {
                    await WriteAbortedAsync(context, lease, ex, target).ConfigureAwait(false);
                    return;
                }

                // The backend broke off mid-body: the client must not mistake a short body for a whole one.
                pool.CountServerError();
                ProxyLog.ForwardFailed(logger, ex, target);
                lease.BackendFailed = true;
                await WriteErrorAsync(context, StatusCodes.Status502BadGateway, ProxyErrorWriter.BackendFailed, pool).ConfigureAwait(false);
            }
        }
    }

    private static async Task CopyBodyAsync(HttpContent content, Stream destination, CancellationToken cancellationToken)
    {
        var source = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);

        // Small known bodies get a small pooled buffer; one extra read sees the end without touching the socket.
        var length = content.Headers.ContentLength;
        var size = length is { } known ? (int)Math.Clamp(known, MinBufferSize, MaxBufferSize) : MaxBufferSize;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // Each write is flushed by Kestrel, so streamed responses reach the client as they are produced.
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ITimer? StartHeaderTimer(RequestLease lease)
    {
        var timeout = _options.ResponseHeadersTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        return _options.TimeProvider.CreateTimer(
            static state => ((RequestLease)state!).TryAbort(LeaseAbortReason.HeaderTimeout),
            lease,
            timeout,
            Timeout.InfiniteTimeSpan);
    }

    private async Task WriteAbortedAsync(HttpContext context, RequestLease lease, Exception? exception, BackendTarget target)
    {
        switch (lease.Reason)
        {
            case LeaseAbortReason.ClientAborted:
                // Nobody is left to answer; the backend request was cancelled with the same token.
                return;
            case LeaseAbortReason.DrainCut:
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, ProxyErrorWriter.Drained, lease.Pool).ConfigureAwait(false);
                return;
            case LeaseAbortReason.HeaderTimeout:
                lease.Pool.CountServerError();
                ProxyLog.HeaderTimeout(logger, target);
                lease.BackendFailed = true;
                await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, ProxyErrorWriter.BackendTimeout, lease.Pool).ConfigureAwait(false);
                return;
        }

        if (exception is not null && FindBadRequest(exception) is { } bad)
        {
            // The client's own body was at fault (too large, malformed): its error, not the backend's.
            var error = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request body too large" : "bad request";
            await WriteErrorAsync(context, bad.StatusCode, error, lease.Pool).ConfigureAwait(false);
        }
    }

    private async Task WriteErrorAsync(HttpContext context, int status, string error, BackendPool pool)
    {
        try
        {
            await ProxyErrorWriter.WriteAsync(context, status, error, _options.ServiceName, pool.Id, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away while we were explaining; nothing more to do.
        }
    }

    private static BadHttpRequestException? FindBadRequest(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException bad)
            {
                return bad;
            }
        }

        return null;
    }

    private static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            or OperationCanceledException { InnerException: TimeoutException };

    private static bool IsIdempotentWithoutBody(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    // HTTP/1.1 upgrade, or HTTP/2's extended CONNECT (RFC 8441), which browsers use once TLS negotiated h2.
    private static bool IsWebSocketRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method)
            && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
            && HopByHopHeaders.ContainsToken(context.Request.Headers.Upgrade.ToString(), "websocket"))
        || IsExtendedConnectWebSocket(context);

    internal static bool IsExtendedConnectWebSocket(HttpContext context) =>
        context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
        && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody
            : context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
}

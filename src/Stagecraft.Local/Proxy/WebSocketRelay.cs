using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace Stagecraft.Local.Proxy;

/// <summary>Completes a websocket upgrade the backend accepted and relays the session until it ends.</summary>
internal static class WebSocketRelay
{
    public static async Task RunAsync(HttpContext context, HttpResponseMessage response, RequestLease lease, ProxyOptions options)
    {
        var backendStream = await response.Content.ReadAsStreamAsync(lease.Token).ConfigureAwait(false);
        Stream clientStream;
        if (HttpForwarder.IsExtendedConnectWebSocket(context))
        {
            // HTTP/2: the stream is accepted with a 200; the backend's handshake headers (its Accept, Upgrade) do not apply.
            ResponseTranslator.CopyStatusAndHeaders(response, context.Response, isWebSocketUpgrade: false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.Remove("Sec-WebSocket-Accept");
            clientStream = await context.Features.GetRequiredFeature<IHttpExtendedConnectFeature>().AcceptAsync().ConfigureAwait(false);
        }
        else
        {
            var upgrade = context.Features.Get<IHttpUpgradeFeature>()
                ?? throw new InvalidOperationException("The connection cannot be upgraded.");

            // The backend's 101 (its Sec-WebSocket-Accept, protocol, cookies) goes to the client unchanged.
            ResponseTranslator.CopyStatusAndHeaders(response, context.Response, isWebSocketUpgrade: true);
            clientStream = await upgrade.UpgradeAsync().ConfigureAwait(false);
        }

        var subProtocol = response.Headers.NonValidated.TryGetValues("Sec-WebSocket-Protocol", out var protocol)
            ? protocol.ToString()
            : null;
        var client = WebSocket.CreateFromStream(clientStream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = subProtocol,
            KeepAliveInterval = TimeSpan.Zero,
        });
        var backend = WebSocket.CreateFromStream(backendStream, new WebSocketCreationOptions
        {
            IsServer = false,
            SubProtocol = subProtocol,
            KeepAliveInterval = TimeSpan.Zero,
        });

        using var tunnel = new WebSocketTunnel(client, backend, context.Abort, options.DrainCutGrace / 2, options.TimeProvider);
        var run = tunnel.RunAsync();
        using var registration = lease.Token.UnsafeRegister(
            static state =>
            {
                var (tunnel, lease) = ((WebSocketTunnel, RequestLease))state!;
                if (lease.Reason == LeaseAbortReason.DrainCut)
                {
                    _ = tunnel.GoAwayAsync();
                }
                else
                {
                    tunnel.Abort();
                }
            },
            (tunnel, lease));
        await run.ConfigureAwait(false);
    }
}

using System.Buffers;
using System.Net.WebSockets;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// Relays websocket messages between the client and the backend after the handshake passed through.
/// </summary>
/// <remarks>
/// Messages are re-framed rather than bytes copied blindly so the proxy can end a session cleanly with its
/// own close frame (1001) when a drain runs out of time. Pings are answered hop by hop by each side.
/// </remarks>
internal sealed class WebSocketTunnel(WebSocket client, WebSocket backend, Action abortClientConnection, TimeSpan closeGrace, TimeProvider timeProvider) : IDisposable
{
    private const int BufferSize = 16 * 1024;
    private const string GoingAwayText = "going away";

    private readonly WebSocket _client = client;
    private readonly WebSocket _backend = backend;
    private Task? _pumps;
    private int _goingAway;

    private bool IsGoingAway => Volatile.Read(ref _goingAway) == 1;

    /// <summary>Runs until both directions have closed or the tunnel is aborted.</summary>
    public Task RunAsync()
    {
        _pumps = Task.WhenAll(PumpAsync(_client, _backend), PumpAsync(_backend, _client));
        return _pumps;
    }

    /// <summary>Sends "going away" close frames both ways, waits briefly for the handshakes, then aborts.</summary>
    public async Task GoAwayAsync()
    {
        if (Interlocked.Exchange(ref _goingAway, 1) == 1)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(closeGrace, timeProvider);
            await Task.WhenAll(SendGoingAwayAsync(_client, grace.Token), SendGoingAwayAsync(_backend, grace.Token)).ConfigureAwait(false);
            if (_pumps is { } pumps)
            {
                await pumps.WaitAsync(closeGrace, timeProvider).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException or IOException)
        {
            // Peers that do not answer the close handshake in time are simply cut below.
        }
        finally
        {
            Abort();
        }
    }

    public void Abort()
    {
        _client.Abort();
        _backend.Abort();

        // Disposing Kestrel's upgraded stream does not fail a read already waiting on it; closing the
        // connection does.
        abortClientConnection();
    }

    public void Dispose()
    {
        _client.Dispose();
        _backend.Dispose();
    }

    private static async Task SendGoingAwayAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, GoingAwayText, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The peer is already gone; nothing to say goodbye to.
        }
    }

    private async Task PumpAsync(WebSocket from, WebSocket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (to.State is (WebSocketState.Open or WebSocketState.CloseReceived) && !IsGoingAway)
                    {
                        var status = from.CloseStatus ?? WebSocketCloseStatus.Empty;
                        await to.CloseOutputAsync(status, from.CloseStatusDescription, CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // One side broke: the other cannot be served either. During a go-away the closer owns the abort,
            // so a close frame still being written is not cut short.
            if (!IsGoingAway)
            {
                Abort();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

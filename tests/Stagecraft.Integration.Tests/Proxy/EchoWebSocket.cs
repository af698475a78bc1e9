using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>Backend side of the websocket tests: echoes every message and reports how the session ended.</summary>
internal static class EchoWebSocket
{
    public static async Task RunAsync(HttpContext context, Action<WebSocketCloseStatus?, string?> onEnded)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    onEnded(socket.CloseStatus, socket.CloseStatusDescription);
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, CancellationToken.None);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            onEnded(null, "aborted");
        }
    }
}

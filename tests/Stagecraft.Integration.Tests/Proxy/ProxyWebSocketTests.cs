using Stagecraft.TestSupport;
using System.Net.WebSockets;
using System.Text;

namespace Stagecraft.Integration.Tests.Proxy;

public sealed class ProxyWebSocketTests
{
    [Fact]
    public async Task Echoes_over_a_websocket_through_the_proxy_and_counts_it_in_flight()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var backend = await harness.AddBackendAsync("blue-0");
        var pool = new Stagecraft.Local.Proxy.BackendPool("blue", [backend.Uri]);
        harness.Proxy.Route(pool);

        using var socket = await ConnectAsync(harness, "/ws");
        await Eventually.TrueAsync(() => pool.InFlight == 1, "the open websocket to count in flight");

        (await EchoAsync(socket, "hello")).Should().Be("hello");
        var big = new string('x', 100_000);
        (await EchoAsync(socket, big)).Should().Be(big, "messages larger than one relay buffer arrive whole");

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).Within();
        socket.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
        (await backend.NextWebSocketEndAsync(TimeSpan.FromSeconds(10))).Should().Be(new WebSocketEnd(WebSocketCloseStatus.NormalClosure, "bye"));
        await Eventually.TrueAsync(() => pool.InFlight == 0, "the closed websocket to leave the pool");
        pool.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Drain_timeout_closes_websockets_with_going_away()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var backend = await harness.AddBackendAsync("blue-0");
        var blue = new Stagecraft.Local.Proxy.BackendPool("blue", [backend.Uri]);
        harness.Proxy.Route(blue);
        using var socket = await ConnectAsync(harness, "/ws");
        (await EchoAsync(socket, "before")).Should().Be("before");

        harness.Proxy.Route(await harness.AddPoolAsync("green", 1));
        var result = await harness.Proxy.DrainAsync(blue, TimeSpan.FromMilliseconds(200), CancellationToken.None).Within();

        result.Cut.Should().Be(1);
        result.Completed.Should().Be(0);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).Within();
        received.MessageType.Should().Be(WebSocketMessageType.Close);
        socket.CloseStatus.Should().Be(WebSocketCloseStatus.EndpointUnavailable);
        socket.CloseStatusDescription.Should().Be("going away");
        (await backend.NextWebSocketEndAsync(TimeSpan.FromSeconds(10))).Should().Be(new WebSocketEnd(WebSocketCloseStatus.EndpointUnavailable, "going away"));
        await Eventually.TrueAsync(() => blue.InFlight == 0, "the cut websocket to leave the pool");
    }

    private static async Task<ClientWebSocket> ConnectAsync(ProxyHarness harness, string path)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        await socket.ConnectAsync(new Uri($"ws://{harness.Proxy.Endpoint}{path}"), CancellationToken.None).Within();
        return socket;
    }

    private static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().Within();
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Security.Cryptography.X509Certificates;
using Stagecraft.Local.Proxy;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

public sealed class TlsListenerTests
{
    [Fact]
    public async Task SNI_picks_each_services_certificate_and_HTTP2_is_negotiated()
    {
        using var temp = new TempDirectory("tls");
        var notesPem = TestCertificates.WritePem(temp.Path, "notes", "notes.example.com");
        var shopPem = TestCertificates.WritePem(temp.Path, "shop", "shop.example", "*.shop.example");
        await using var shared = await SharedListener.StartAsync(IPAddress.Any, tls: true);
        shared.Listener.SetRoutes(new RouteTable([
            await shared.ServiceAsync("notes", ["notes.example.com"], certificate: CertificateFiles.Open(notesPem.Certificate, notesPem.Key, TimeSpan.FromMilliseconds(100))),
            await shared.ServiceAsync("shop", ["*.shop.example"], certificate: CertificateFiles.Open(shopPem.Certificate, shopPem.Key, TimeSpan.FromMilliseconds(100))),
        ]));
        var seen = new List<X509Certificate2>();
        using var h2 = shared.TlsClient(seen, HttpVersion.Version20);
        using var h1 = shared.TlsClient(seen, HttpVersion.Version11);

        using var notes = await h2.GetAsync($"https://notes.example.com:{shared.Port}/");
        notes.Version.Should().Be(HttpVersion.Version20);
        (await notes.Content.ReadAsStringAsync()).Should().Be("notes");
        seen[^1].Thumbprint.Should().Be(notesPem.Made.Thumbprint);

        using var shop = await h1.GetAsync($"https://eu.shop.example:{shared.Port}/");
        shop.Version.Should().Be(HttpVersion.Version11);
        (await shop.Content.ReadAsStringAsync()).Should().Be("shop");
        seen[^1].Thumbprint.Should().Be(shopPem.Made.Thumbprint);
    }

    [Fact]
    public async Task Replaced_certificate_files_serve_new_handshakes_while_an_open_connection_stays_usable()
    {
        using var temp = new TempDirectory("tls");
        var first = TestCertificates.WritePem(temp.Path, "notes", "notes.example.com");
        await using var shared = await SharedListener.StartAsync(IPAddress.Loopback, tls: true);
        shared.Listener.SetRoutes(new RouteTable([
            await shared.ServiceAsync("notes", ["notes.example.com"], certificate: CertificateFiles.Open(first.Certificate, first.Key, TimeSpan.FromMilliseconds(50))),
        ]));
        var keptSeen = new List<X509Certificate2>();
        using var kept = shared.TlsClient(keptSeen, handler: new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });
        var url = $"https://notes.example.com:{shared.Port}/";
        (await kept.GetStringAsync(url)).Should().Be("notes");

        // Replaced the way certbot or an operator does: new files moved over the old ones.
        var second = TestCertificates.WritePem(temp.Path, "next", "notes.example.com");
        File.Move(second.Key, first.Key, overwrite: true);
        File.Move(second.Certificate, first.Certificate, overwrite: true);

        await Eventually.TrueAsync(async () =>
        {
            var seen = new List<X509Certificate2>();
            using var fresh = shared.TlsClient(seen);
            await fresh.GetStringAsync(url);
            return seen.Single().Thumbprint == second.Made.Thumbprint;
        }, TimeSpan.FromSeconds(30), "a new connection to get the new certificate");

        (await kept.GetStringAsync(url)).Should().Be("notes");
        keptSeen.Should().ContainSingle("the kept-alive connection was not dropped and made no new handshake")
            .Which.Thumbprint.Should().Be(first.Made.Thumbprint);
    }

    [Fact]
    public async Task A_websocket_opened_over_HTTP2_reaches_the_backend_as_an_HTTP1_upgrade()
    {
        using var temp = new TempDirectory("tls");
        var pem = TestCertificates.WritePem(temp.Path, "notes", "notes.example.com");
        await using var shared = await SharedListener.StartAsync(IPAddress.Loopback, tls: true);
        shared.Listener.SetRoutes(new RouteTable([
            await shared.ServiceAsync("notes", ["notes.example.com"], certificate: CertificateFiles.Open(pem.Certificate, pem.Key, TimeSpan.FromSeconds(1))),
        ]));
        var handler = new SocketsHttpHandler();
        using var configured = TlsTestClient.Create(shared.Port, [], HttpVersion.Version20, handler);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;

        await socket.ConnectAsync(new Uri($"wss://notes.example.com:{shared.Port}/ws"), invoker, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await socket.SendAsync("over h2"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().Be("over h2");
        socket.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }
}

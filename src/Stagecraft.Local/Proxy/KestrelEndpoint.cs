using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Stagecraft.Local.Proxy;

/// <summary>A bare Kestrel server on one endpoint running one request handler, optionally behind TLS.</summary>
internal sealed class KestrelEndpoint : IAsyncDisposable
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private readonly KestrelServer _server;
    private readonly ListenerOptions _options;
    private int _disposed;

    private KestrelEndpoint(KestrelServer server, ListenerOptions options, IPEndPoint bound)
    {
        _server = server;
        _options = options;
        Endpoint = bound;
    }

    /// <summary>The endpoint actually bound (with the assigned port when 0 was asked for).</summary>
    public IPEndPoint Endpoint { get; }

    /// <param name="certificates">Picks the certificate (and chain) of each TLS handshake from its SNI name; null for plain HTTP.</param>
    public static async Task<KestrelEndpoint> StartAsync(ListenerOptions options, Func<HttpContext, Task> handler,
        Func<string?, SslStreamCertificateContext?>? certificates, CancellationToken ct)
    {
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var kestrelOptions = new KestrelServerOptions
        {
            AddServerHeader = false,
            AllowSynchronousIO = false,
            ApplicationServices = KestrelServices.AddTo(new ServiceCollection().AddSingleton(loggerFactory).AddMetrics()).BuildServiceProvider(),
        };
        kestrelOptions.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
        ListenOptions? listen = null;
        kestrelOptions.Listen(options.Endpoint, l =>
        {
            listen = l;
            if (certificates is null)
            {
                // Plain HTTP stays HTTP/1.1: websocket upgrades need it, and there is no ALPN to offer h2c safely.
                l.Protocols = HttpProtocols.Http1;
                return;
            }

            // ALPN offers h2 first; HTTP/1.1 clients (and websocket upgrades) keep working.
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificates(context.ClientHelloInfo.ServerName)
                        ?? throw new AuthenticationException("no certificate for this address yet"),
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ApplicationProtocols = Alpn,
                    ClientCertificateRequired = false,
                }),
            });
        });

        var transportOptions = new SocketTransportOptions { UnsafePreferInlineScheduling = options.InlineIoScheduling };
        var transport = new SocketTransportFactory(Options.Create(transportOptions), loggerFactory);
        var server = new KestrelServer(Options.Create(kestrelOptions), transport, loggerFactory);
        try
        {
            await server.StartAsync(new ProxyApplication(handler), ct).ConfigureAwait(false);

            // Kestrel writes the endpoint it actually bound back into the listen options.
            var bound = listen?.IPEndPoint ?? throw new InvalidOperationException("Kestrel did not report the bound endpoint.");
            return new KestrelEndpoint(server, options, bound);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var shutdown = new CancellationTokenSource(_options.ShutdownTimeout, _options.TimeProvider))
        {
            try
            {
                await _server.StopAsync(shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Kestrel aborts what is left once the token fires; nothing else to do.
            }
        }

        _server.Dispose();
    }
}

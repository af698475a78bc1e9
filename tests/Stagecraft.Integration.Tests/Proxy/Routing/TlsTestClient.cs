using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

/// <summary>HTTPS clients for tests: any host name connects to 127.0.0.1:port (SNI and Host keep the name).</summary>
internal static class TlsTestClient
{
    /// <summary>Records the certificate each handshake got in <paramref name="seen"/> (and accepts it).</summary>
    public static HttpClient Create(int port, List<X509Certificate2> seen, Version? version = null, SocketsHttpHandler? handler = null)
    {
        handler ??= new SocketsHttpHandler();
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        handler.ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                lock (seen)
                {
                    seen.Add(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
                }

                return true;
            },
        };
        return new HttpClient(handler)
        {
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// An HTTPS proxy on 127.0.0.1 for tools that cannot be given an AWS endpoint (Serverless Framework
/// v3's aws-sdk v2 has no endpoint setting, only the documented HTTPS_PROXY): a CONNECT to an
/// *.amazonaws.com host is answered with a certificate of this proxy's own authority (the child
/// trusts it through NODE_EXTRA_CA_CERTS) and the requests are relayed to moto_server. Every other
/// host is refused. Each host asked for is recorded, so a test can say what the tool reached for.
/// </summary>
internal sealed class MotoTlsProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _hosts = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly RSA _authorityKey = RSA.Create(2048);
    private readonly X509Certificate2 _authority;
    private readonly int _motoPort;
    private readonly Task _accepting;

    public MotoTlsProxy(int motoPort)
    {
        _motoPort = motoPort;
        var request = new CertificateRequest("CN=Stagecraft test proxy authority", _authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy as HTTPS_PROXY takes it.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The authority's certificate (PEM), for NODE_EXTRA_CA_CERTS.</summary>
    public string AuthorityPem => _authority.ExportCertificatePem();

    /// <summary>Every host a CONNECT asked for, in order, relayed or refused.</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        foreach (var certificate in _certificates.Values)
        {
            certificate.Dispose();
        }

        _authority.Dispose();
        _authorityKey.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var parts = head.Split(' ', 3);
                var authority = parts.Length == 3 && parts[0] == "CONNECT" ? parts[1] : parts.ElementAtOrDefault(1) ?? "";
                var host = authority.Split(':')[0];
                _hosts.Enqueue(host);
                if (parts[0] != "CONNECT" || !host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
                    return;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), _stop.Token);
                await using var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificates.GetOrAdd(host, Issue) }, _stop.Token);
                using var moto = new TcpClient();
                await moto.ConnectAsync(IPAddress.Loopback, _motoPort, _stop.Token);
                var upstream = moto.GetStream();
                await Task.WhenAny(tls.CopyToAsync(upstream, _stop.Token), upstream.CopyToAsync(tls, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // The tool closed the connection, or the test ended.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString().Split("\r\n")[0];
    }

    private X509Certificate2 Issue(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        using var issued = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        // SslStream on Linux wants a certificate whose key it can export: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}

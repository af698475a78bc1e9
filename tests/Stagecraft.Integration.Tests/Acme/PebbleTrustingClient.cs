using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>
/// An HTTPS client for the agent's proxy on 127.0.0.1:PORT that sends the host name as SNI and trusts exactly
/// pebble's root: a handshake succeeds only when the served certificate names the host and chains to that root
/// through the intermediates the server sent. Every request opens its own connection (its own handshake).
/// </summary>
internal sealed class PebbleTrustingClient
{
    private readonly int _port;
    private readonly X509Certificate2 _root;
    private readonly List<string> _verified = [];
    private readonly List<string> _serials = [];

    public PebbleTrustingClient(int port, X509Certificate2 root)
    {
        _port = port;
        _root = root;
    }

    /// <summary>The host of every handshake whose certificate chained to pebble's root.</summary>
    public IReadOnlyList<string> Verified
    {
        get
        {
            lock (_verified)
            {
                return [.. _verified];
            }
        }
    }

    /// <summary>The serial number of the leaf of the last handshake.</summary>
    public string? LastSerial
    {
        get
        {
            lock (_verified)
            {
                return _serials.LastOrDefault();
            }
        }
    }

    /// <summary>The app's X-Version for a GET / to <paramref name="host"/>; throws when the handshake or the request fails.</summary>
    public async Task<string> VersionAsync(string host)
    {
        using var http = new HttpClient(Handler(host)) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri($"https://{host}:{_port}/"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, host);
        return response.Headers.GetValues("X-Version").Single();
    }

    private SocketsHttpHandler Handler(string host) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = (_, certificate, sent, errors) => Verify(host, certificate, sent, errors),
        },
    };

    private bool Verify(string host, X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        // The name must match; the chain is judged again against pebble's root only.
        if (certificate is null || sent is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true; // The intermediate must come from the server itself.
        chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        var valid = chain.Build(leaf);
        lock (_verified)
        {
            _serials.Add(leaf.SerialNumber);
            if (valid)
            {
                _verified.Add(host);
            }
        }

        return valid;
    }
}

namespace Stagecraft.Local.Proxy;

/// <summary>Where a route's TLS certificate comes from; read at every handshake, so a replaced certificate serves new connections at once.</summary>
public interface ICertificateSource
{
    /// <summary>The certificate (with its private key and the chain to send) to present now.</summary>
    SslStreamCertificateContext Current { get; }
}

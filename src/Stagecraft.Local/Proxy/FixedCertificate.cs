namespace Stagecraft.Local.Proxy;

/// <summary>A certificate held in memory and replaced whole (an ACME certificate after its renewal).</summary>
/// <param name="intermediates">Sent after the leaf in every handshake (an ACME server's issuing CA), or null.</param>
public sealed class FixedCertificate(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null) : ICertificateSource
{
    private SslStreamCertificateContext _current = ContextOf(certificate, intermediates);

    public SslStreamCertificateContext Current => Volatile.Read(ref _current);

    /// <summary>New handshakes present <paramref name="certificate"/>; open connections keep theirs.</summary>
    public void Replace(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null) => Volatile.Write(ref _current, ContextOf(certificate, intermediates));

    // offline: the chain is built from what is at hand; the agent never fetches intermediates from the network.
    internal static SslStreamCertificateContext ContextOf(X509Certificate2 certificate, X509Certificate2Collection? chain = null) =>
        certificate.HasPrivateKey
            ? SslStreamCertificateContext.Create(certificate, chain, offline: true)
            : throw new ArgumentException($"the certificate {certificate.Subject} has no private key", nameof(certificate));
}

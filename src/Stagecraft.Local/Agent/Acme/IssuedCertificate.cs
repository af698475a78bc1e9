namespace Stagecraft.Local.Agent.Acme;

/// <summary>A certificate as the ACME server issued it: the PEM chain (leaf first) and the PEM of its private key.</summary>
internal sealed record IssuedCertificate(string ChainPem, string KeyPem)
{
    /// <summary>The leaf with its private key.</summary>
    public X509Certificate2 ToCertificate() => X509Certificate2.CreateFromPem(ChainPem, KeyPem);

    /// <summary>The leaf with its private key and the intermediates after it, as the proxy serves them.</summary>
    public AcmeCertificate ToServed()
    {
        var leaf = ToCertificate();
        var intermediates = Chain();
        intermediates[0].Dispose();
        intermediates.RemoveAt(0);
        return new AcmeCertificate(leaf, intermediates);
    }

    /// <summary>Every certificate of the chain, leaf first.</summary>
    public X509Certificate2Collection Chain()
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(ChainPem);
        return chain;
    }
}

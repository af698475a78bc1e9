namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// An ACME certificate as a server presents it: the leaf with its private key, and the intermediates the ACME
/// server sent after it (a client that only knows the root needs them to build the chain).
/// </summary>
public sealed class AcmeCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates) : IDisposable
{

    /// <summary>The leaf, with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The rest of the chain, in the server's order (empty when it sent only the leaf).</summary>
    public X509Certificate2Collection Intermediates { get; } = intermediates;

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}

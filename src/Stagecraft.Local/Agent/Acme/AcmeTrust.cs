namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// The HTTP handler for the ACME connection. With a <c>ca_bundle</c> the server's certificate must chain to
/// exactly the CAs in that file (nothing else is trusted for this connection) and match the host name;
/// without one the system's trust store applies. Validation is never switched off.
/// </summary>
internal static class AcmeTrust
{
    public static HttpMessageHandler CreateHandler(string? caBundlePath)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (caBundlePath is not null)
        {
            var roots = LoadBundle(caBundlePath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(roots, certificate, errors);
        }

        return handler;
    }

    public static X509Certificate2Collection LoadBundle(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new AcmeException($"tls.acme.ca_bundle {path} cannot be read as PEM certificates: {ex.Message}");
        }

        return roots.Count > 0 ? roots : throw new AcmeException($"tls.acme.ca_bundle {path} holds no PEM certificate");
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? presented, SslPolicyErrors errors)
    {
        // A name mismatch or a missing certificate is never forgiven; only the chain is judged again, against the bundle.
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}

namespace Stagecraft.Local.Agent.Acme;

/// <summary>Where a service's ACME certificate comes from: a service's <c>tls: { acme: … }</c> setting.</summary>
/// <param name="Directory">The ACME directory URL (default Let's Encrypt's production directory).</param>
/// <param name="Email">Contact for the ACME account, or null.</param>
/// <param name="CaBundlePath">PEM file of the CA that serves the directory's own HTTPS (private ACME servers), or null.</param>
public sealed record AcmeSettings(Uri Directory, string? Email, string? CaBundlePath)
{
    public static readonly Uri LetsEncrypt = new("https://acme-v02.api.letsencrypt.org/directory");
}

/// <summary>
/// Certificates obtained from an ACME server (RFC 8555) for a set of host names, kept owner-only in the
/// agent's data and renewed before they expire. The agent asks for a certificate before a release's first
/// switch; a certificate that cannot be had fails that release before it takes traffic.
/// </summary>
public interface IAcmeCertificates
{
    /// <summary>
    /// A valid certificate (with its private key and intermediates) for exactly <paramref name="hosts"/>: the stored one when it is
    /// not yet due for renewal, otherwise a newly issued one. Throws <see cref="AcmeException"/> with the
    /// server's problem document when the order fails or the server cannot be reached.
    /// </summary>
    Task<AcmeCertificate> EnsureAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the certificates handed out so far when they are due, until cancelled; the agent runs it for its
    /// lifetime. Failures are logged and tried again later: it ends only by cancellation.
    /// </summary>
    Task RunRenewalsAsync(CancellationToken cancellationToken);

    /// <summary>Raised after a background renewal replaced the certificate of a host set.</summary>
    event Action<IReadOnlyList<string>, AcmeCertificate>? Renewed;
}

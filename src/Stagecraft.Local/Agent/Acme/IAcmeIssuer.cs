namespace Stagecraft.Local.Agent.Acme;

/// <summary>Gets a new certificate for a host set (the ACME client in production, a stand-in in timing tests).</summary>
internal interface IAcmeIssuer
{
    Task<IssuedCertificate> IssueAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken);
}

/// <summary>Issues through <see cref="AcmeClient"/> with the directory's stored account key (created on first use).</summary>
internal sealed class AcmeIssuer(AcmeCertificateStore store, Http01ChallengeStore challenges, AcmeClientOptions options, TimeProvider time) : IAcmeIssuer
{
    public async Task<IssuedCertificate> IssueAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        using var key = AcmeAccountKey.LoadOrCreate(store.AccountKeyPath(settings.Directory));
        using var client = new AcmeClient(settings, key, challenges, options, time);
        return await client.IssueAsync(hosts, cancellationToken);
    }
}

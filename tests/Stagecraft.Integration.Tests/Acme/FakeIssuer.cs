using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Stagecraft.Local.Agent.Acme;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>Issues self-signed certificates valid from the clock's now for <see cref="Lifetime"/>; fails while <see cref="FailuresLeft"/> is positive.</summary>
internal sealed class FakeIssuer : IAcmeIssuer
{
    private readonly TimeProvider _time;
    private int _calls;

    public FakeIssuer(TimeProvider time) => _time = time;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(90);

    public int FailuresLeft { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<IssuedCertificate> IssueAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new AcmeException("the order failed: urn:ietf:params:acme:error:serverInternal", "urn:ietf:params:acme:error:serverInternal", "try later");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        // Whole seconds: X.509 validity has no finer resolution, and the tests compare exact instants.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        using var certificate = request.CreateSelfSigned(now, now + Lifetime);
        return Task.FromResult(new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()));
    }
}

namespace Stagecraft.Local.Agent.Tls;

/// <summary>
/// The certificate each service presents: its PEM files (followed when they change), or one obtained from ACME
/// before the release's switch and replaced whenever the ACME client renews it.
/// </summary>
internal sealed class ServiceCertificates
{
    /// <summary>How often a handshake may look whether certificate files changed.</summary>
    public static readonly TimeSpan FileCheckInterval = TimeSpan.FromSeconds(2);

    private readonly IAcmeCertificates? _acme;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FixedCertificate> _acmeCertificates = new(StringComparer.Ordinal);

    public ServiceCertificates(IAcmeCertificates? acme, TimeProvider time)
    {
        _acme = acme;
        _time = time;
        if (acme is not null)
        {
            acme.Renewed += OnRenewed;
        }
    }

    /// <summary>Said when a service asks for ACME and this build has no ACME client.</summary>
    public const string AcmeUnavailable = "tls.acme is not available in this build of stagecraft";

    public bool AcmeAvailable => _acme is not null;

    /// <summary>The certificate source for <paramref name="spec"/>, loaded (or issued) now; null without TLS.</summary>
    public async Task<ICertificateSource?> ForAsync(ServiceSpec spec, IReleaseProgress progress, CancellationToken ct)
    {
        if (spec.Tls is not { } tls)
        {
            return null;
        }

        if (tls.Acme is { } acme)
        {
            return await FromAcmeAsync(spec, acme, progress, ct).ConfigureAwait(false);
        }

        try
        {
            var files = CertificateFiles.Open(tls.Certificate!, tls.Key!, FileCheckInterval, _time);
            progress.Line($"TLS certificate {files.Current.TargetCertificate.Subject} (until {files.Current.TargetCertificate.NotAfter:u}) from {tls.Certificate}");
            return files;
        }
        catch (CertificateLoadException ex)
        {
            throw new ReleaseFailedException(ex.Message, hint: "tls.certificate is a PEM certificate (its chain after it) and tls.key the PEM private key that belongs to it");
        }
    }

    private async Task<ICertificateSource> FromAcmeAsync(ServiceSpec spec, AcmeSpec acme, IReleaseProgress progress, CancellationToken ct)
    {
        if (_acme is null)
        {
            throw new ReleaseFailedException($"{AcmeUnavailable}: {spec.Id} asks for tls.acme",
                hint: "use tls: { certificate, key } with certificate files instead, or a stagecraft build with the ACME client");
        }

        var settings = new AcmeSettings(acme.Directory is null ? AcmeSettings.LetsEncrypt : new Uri(acme.Directory), acme.Email, acme.CaBundle);
        progress.Status($"getting a certificate for {string.Join(", ", spec.Hosts)} from {settings.Directory}");
        AcmeCertificate certificate;
        try
        {
            certificate = await _acme.EnsureAsync(settings, spec.Hosts, ct).ConfigureAwait(false);
        }
        catch (AcmeException ex)
        {
            var problem = new List<string>();
            if (ex.ProblemType is not null)
            {
                problem.Add($"problem type: {ex.ProblemType}");
            }

            if (ex.ProblemDetail is not null)
            {
                problem.Add($"problem detail: {ex.ProblemDetail}");
            }

            // No problem document: the server was not reached or not trusted, so the hint is about reaching it.
            var hint = ex.ProblemType is null
                ? $"check tls.acme.directory ({settings.Directory}) and that this machine reaches it; for a private ACME server, tls.acme.ca_bundle is the PEM of the CA that signs its HTTPS certificate"
                : $"the ACME server validates http://HOST/.well-known/acme-challenge/… on port 80 of each host: check DNS and that {spec.HttpListen} is reachable from the internet";
            throw new ReleaseFailedException($"no certificate for {string.Join(", ", spec.Hosts)} from {settings.Directory}: {ex.Message}", problem, hint);
        }

        progress.Line($"TLS certificate for {string.Join(", ", spec.Hosts)} from {settings.Directory} (until {certificate.Certificate.NotAfter:u})");
        lock (_gate)
        {
            var key = Key(spec.Hosts);
            if (_acmeCertificates.TryGetValue(key, out var existing))
            {
                existing.Replace(certificate.Certificate, certificate.Intermediates);
                return existing;
            }

            var source = new FixedCertificate(certificate.Certificate, certificate.Intermediates);
            _acmeCertificates[key] = source;
            return source;
        }
    }

    // A renewal swaps the certificate every route of that host set presents; open connections keep the old one.
    private void OnRenewed(IReadOnlyList<string> hosts, AcmeCertificate certificate)
    {
        lock (_gate)
        {
            if (_acmeCertificates.TryGetValue(Key(hosts), out var source))
            {
                source.Replace(certificate.Certificate, certificate.Intermediates);
            }
        }
    }

    private static string Key(IEnumerable<string> hosts) => string.Join(',', hosts.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal));
}

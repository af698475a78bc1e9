using System.Security.Cryptography.X509Certificates;
using Stagecraft.Integration.Tests.Proxy.Routing;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Acme;

namespace Stagecraft.Integration.Tests.Service.Routing;

/// <summary>
/// An ACME client standing in for the real one: it puts a challenge answer in the agent's store and fetches it
/// from the http_listen address the way an ACME server's validation would, then "issues" a self-signed
/// certificate, or refuses with a problem document when told to.
/// </summary>
internal sealed class FakeAcmeCertificates : IAcmeCertificates
{
    private readonly AcmeContext _agent;

    public FakeAcmeCertificates(AcmeContext agent) => _agent = agent;

    public event Action<IReadOnlyList<string>, AcmeCertificate>? Renewed;

    /// <summary>The port of http_listen the "server" validates on.</summary>
    public int ValidationPort { get; set; }

    public bool Refuse { get; set; }

    /// <summary>The body the validation fetched for each order, in order.</summary>
    public List<string> ValidatedAnswers { get; } = [];

    public List<X509Certificate2> Issued { get; } = [];

    public async Task<AcmeCertificate> EnsureAsync(AcmeSettings settings, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        if (Refuse)
        {
            throw new AcmeException("the order was refused", "urn:ietf:params:acme:error:rejectedIdentifier", $"Policy forbids issuing for {hosts[0]}");
        }

        var token = "tok-" + Guid.NewGuid().ToString("N");
        _agent.Challenges.Put(token, token + ".thumbprint");
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ValidationPort}{Http01ChallengeStore.PathPrefix}{token}");
            request.Headers.Host = hosts[0];
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (ValidatedAnswers)
            {
                ValidatedAnswers.Add(body);
            }

            if (body != token + ".thumbprint")
            {
                throw new AcmeException("the challenge was not answered", "urn:ietf:params:acme:error:unauthorized", $"got {(int)response.StatusCode}: {body}");
            }
        }
        finally
        {
            _agent.Challenges.Remove(token);
        }

        var certificate = TestCertificates.Create([.. hosts]);
        Issued.Add(certificate);
        return new AcmeCertificate(certificate, []);
    }

    /// <summary>Renewals happen only when a test calls <see cref="Renew"/>.</summary>
    public Task RunRenewalsAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    /// <summary>What a background renewal does: tells the agent about a new certificate for the host set.</summary>
    public X509Certificate2 Renew(IReadOnlyList<string> hosts)
    {
        var certificate = TestCertificates.Create([.. hosts]);
        Renewed?.Invoke(hosts, new AcmeCertificate(certificate, []));
        return certificate;
    }
}

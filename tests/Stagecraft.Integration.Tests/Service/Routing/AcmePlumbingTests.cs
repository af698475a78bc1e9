using System.Net;
using System.Security.Cryptography.X509Certificates;
using Stagecraft.Integration.Tests.Proxy.Routing;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service.Routing;

/// <summary>
/// The agent's side of ACME with a stand-in client (in-process agent): the challenge is answered on http_listen,
/// everything else there is redirected to HTTPS, a refused order fails the release before it takes traffic, and a
/// renewal swaps the certificate new handshakes get.
/// </summary>
public sealed class AcmePlumbingTests : IAsyncLifetime
{
    private readonly AgentSandbox _sandbox = new();
    private readonly TempDirectory _revision = new("acme-app");
    private readonly CancellationTokenSource _stop = new();
    private FakeAcmeCertificates? _acme;
    private Task<int>? _agent;

    public async Task InitializeAsync()
    {
        TestAppFiles.CopyTo(_revision.Path, "acme");
        var services = new AgentServices { Acme = context => _acme = new FakeAcmeCertificates(context) };
        _agent = Task.Run(() => AgentHost.RunAsync(_sandbox.Home, background: false, console: null, _stop.Token, services));
        await Eventually.TrueAsync(async () => await _sandbox.Client.TryStatusAsync(TimeSpan.FromSeconds(2), CancellationToken.None) is not null,
            TimeSpan.FromSeconds(30), "the in-process agent to answer");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _agent!.WaitAsync(TimeSpan.FromSeconds(60));

        // Not the sandbox's own dispose: it kills the agent's pid, which is this test process here.
        try
        {
            Directory.Delete(_sandbox.Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being closed; the temp folder is cleaned eventually.
        }
        _revision.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task The_certificate_comes_from_ACME_with_the_challenge_answered_on_http_listen_and_a_renewal_is_served()
    {
        var (port, httpPort) = (FreePort.Next(), FreePort.Next());
        _acme!.ValidationPort = httpPort;

        var answer = await ReleaseAsync(Spec(port, httpPort));

        answer.Type.Should().Be(AgentProtocol.Result, answer.Error);
        answer.Release!.Url.Should().Be($"https://notes.example.com:{port}");
        _acme.ValidatedAnswers.Should().ContainSingle().Which.Should().EndWith(".thumbprint");
        var seen = new List<X509Certificate2>();
        (await GetAsync(port, seen)).Should().Be(HttpStatusCode.OK);
        seen[^1].Thumbprint.Should().Be(_acme.Issued.Single().Thumbprint);

        var renewed = _acme.Renew(["notes.example.com"]);

        (await GetAsync(port, seen)).Should().Be(HttpStatusCode.OK);
        seen[^1].Thumbprint.Should().Be(renewed.Thumbprint);

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var plain = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{httpPort}/notes/7?x=1");
        plain.Headers.Host = "notes.example.com";
        using var redirect = await http.SendAsync(plain);
        redirect.StatusCode.Should().Be(HttpStatusCode.PermanentRedirect);
        redirect.Headers.Location.Should().Be(new Uri($"https://notes.example.com:{port}/notes/7?x=1"));
        (await http.GetAsync($"http://127.0.0.1:{httpPort}/.well-known/acme-challenge/unknown")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_order_fails_the_release_before_it_takes_traffic_with_the_problem_document()
    {
        var (port, httpPort) = (FreePort.Next(), FreePort.Next());
        _acme!.Refuse = true;

        var answer = await ReleaseAsync(Spec(port, httpPort));

        answer.Type.Should().Be(AgentProtocol.Error);
        answer.Error.Should().Contain("no certificate for notes.example.com").And.Contain("the order was refused");
        answer.Details.Should().Contain("problem type: urn:ietf:params:acme:error:rejectedIdentifier")
            .And.Contain("problem detail: Policy forbids issuing for notes.example.com");
        FreePort.IsListening(port).Should().BeFalse("nothing took traffic");
        FreePort.IsListening(httpPort).Should().BeFalse("the challenge listener closed with the failed release");
        var status = await _sandbox.Client.TryStatusAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        status!.Services.Should().OnlyContain(s => s.Release == null && s.Instances.Count == 0);
    }

    private ServiceSpec Spec(int port, int httpPort) => new()
    {
        Project = "notes",
        Environment = "local",
        Stage = "web",
        Revision = _revision.Path,
        Start = TestAppFiles.Start,
        Listen = $"127.0.0.1:{port}",
        Hosts = ["notes.example.com"],
        Tls = new TlsSpec { Acme = new AcmeSpec { Email = "ops@example.com", Directory = "https://acme.test/directory" } },
        HttpListen = $"127.0.0.1:{httpPort}",
        Health = new HealthSpec { Interval = TimeSpan.FromMilliseconds(100), HealthyThreshold = 1, Grace = TimeSpan.FromSeconds(30) },
        StopTimeout = TimeSpan.FromSeconds(5),
        DrainTimeout = TimeSpan.FromSeconds(2),
    };

    private Task<AgentMessage> ReleaseAsync(ServiceSpec spec) =>
        _sandbox.Client.SendAsync(new AgentRequest { Type = AgentProtocol.Release, Service = spec }, null, CancellationToken.None);

    // A fresh connection each time, so each request makes its own handshake.
    private static async Task<HttpStatusCode> GetAsync(int port, List<X509Certificate2> seen)
    {
        using var client = TlsTestClient.Create(port, seen);
        using var response = await client.GetAsync($"https://notes.example.com:{port}/");
        return response.StatusCode;
    }
}

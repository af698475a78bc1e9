using System.Globalization;
using System.Net;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>
/// HTTPS from pebble through the real CLI and agent: the agent's own ACME client orders the certificate, pebble
/// validates HTTP-01 against the agent's <c>http_listen</c>, the proxy serves the chain; a refused order and an
/// unreachable directory fail the deploy before the release takes traffic.
/// </summary>
public sealed class AcmeDeployTests : IClassFixture<AgentFacingPebble>
{
    private readonly AgentFacingPebble _pebble;

    public AcmeDeployTests(AgentFacingPebble pebble) => _pebble = pebble;

    [Fact]
    public async Task Deploy_serves_a_certificate_from_pebble_redirects_plain_HTTP_and_a_refused_order_keeps_the_previous_release()
    {
        await using var project = new ServiceProject();
        var host = $"notes-{Guid.NewGuid():N}"[..14] + ".test";
        project.WriteFile("pebble-ca.pem", await File.ReadAllTextAsync(_pebble.CaBundlePath));
        project.Write(extra: AcmeStage(host, _pebble.Directory.AbsoluteUri, "pebble-ca.pem", _pebble.HttpPort));

        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        deploy.Output.Should().Contain($"getting a certificate for {host} from {_pebble.Directory}");
        using var root = await _pebble.RootAsync();
        var https = new PebbleTrustingClient(project.Port, root);
        (await https.VersionAsync(host)).Should().Be("v1");
        https.Verified.Should().ContainSingle().Which.Should().Be(host, "the certificate chains to pebble's root and names the host");

        using var plain = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_pebble.HttpPort}/notes/7?x=1"))
        {
            request.Headers.Host = host;
            using var redirect = await plain.SendAsync(request);
            redirect.StatusCode.Should().Be(HttpStatusCode.PermanentRedirect);
            redirect.Headers.Location.Should().Be(new Uri($"https://{host}:{project.Port}/notes/7?x=1"));
        }

        // The next release asks for a name pebble's policy refuses: it fails before its switch.
        project.Write(env: new() { ["APP_VERSION"] = "v2" }, extra: AcmeStage(PebbleServer.BlockedHost, _pebble.Directory.AbsoluteUri, "pebble-ca.pem", _pebble.HttpPort));
        var refused = await project.DeployAsync();

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.All.Should().Contain($"no certificate for {PebbleServer.BlockedHost}").And.Contain("urn:ietf:params:acme:error:rejectedIdentifier");
        (await https.VersionAsync(host)).Should().Be("v1", "the previous release still serves, with its certificate");
        https.Verified.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_unreachable_directory_fails_a_first_release_with_nothing_listening()
    {
        await using var project = new ServiceProject();
        var closed = $"https://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/dir";
        project.Write(extra: AcmeStage("unreachable.test", closed, _pebble.CaBundlePath, _pebble.HttpPort));

        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.All.Should().Contain("no certificate for unreachable.test").And.Contain(closed).And.Contain("could not be reached")
            .And.Contain("check tls.acme.directory", "the hint is about reaching the server, not about its validation");
        FreePort.IsListening(project.Port).Should().BeFalse("the release never took traffic");
        FreePort.IsListening(_pebble.HttpPort).Should().BeFalse("the challenge listener closed with the failed release");
        (await project.Agent.StatusAsync())!.Services.Should().OnlyContain(s => s.Release == null && s.Instances.Count == 0);
    }

    /// <summary>The stage's TLS part: HTTPS on its listen address, certificates from <paramref name="directory"/>.</summary>
    internal static string AcmeStage(string host, string directory, string caBundle, int httpPort) => $"""
            hosts: [{host}]
            tls:
              acme: {"{"} email: ops@stagecraft.test, directory: "{directory}", ca_bundle: "{caBundle}" {"}"}
            http_listen: "127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}"

        """;
}

/// <summary>Pebble validating HTTP-01 on a free port for the agent's http_listen.</summary>
public sealed class AgentFacingPebble : PebbleServer
{
    protected override bool StartsResponder => false;
}

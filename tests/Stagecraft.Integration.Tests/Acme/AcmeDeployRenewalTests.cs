using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>
/// The running agent renews a short-lived certificate from pebble by itself (two thirds into its 60 s) and the
/// proxy serves the new one at once: no deploy, no restart, and the service answers all along. The test waits
/// on real time here (the agent's clock is the system's), about 40 s; the 20 s left before expiry are room for
/// a slow issuance on a busy machine.
/// </summary>
public sealed class AcmeDeployRenewalTests : IClassFixture<ShortLivedAgentFacingPebble>
{
    private readonly ShortLivedAgentFacingPebble _pebble;

    public AcmeDeployRenewalTests(ShortLivedAgentFacingPebble pebble) => _pebble = pebble;

    [Fact]
    public async Task The_agent_renews_a_short_lived_certificate_and_serves_it_without_a_redeploy()
    {
        await using var project = new ServiceProject();
        var host = $"renew-{Guid.NewGuid():N}"[..14] + ".test";
        project.Write(extra: AcmeDeployTests.AcmeStage(host, _pebble.Directory.AbsoluteUri, _pebble.CaBundlePath, _pebble.HttpPort));
        var deploy = await project.DeployAsync();
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        var agentPid = (await project.Agent.StatusAsync())!.Pid;
        using var root = await _pebble.RootAsync();
        var https = new PebbleTrustingClient(project.Port, root);
        (await https.VersionAsync(host)).Should().Be("v1");
        var first = https.LastSerial;

        // Every look is a full request on a new connection (paced, at most ~600): the service must answer each one.
        await Eventually.TrueAsync(async () =>
        {
            await Task.Delay(200);
            return await https.VersionAsync(host) == "v1" && https.LastSerial != first;
        }, TimeSpan.FromSeconds(120), "the proxy to serve a renewed certificate");

        https.Verified.Should().OnlyContain(h => h == host, "every served certificate, the renewed one too, chains to pebble's root");
        var status = await project.Agent.StatusAsync();
        status!.Pid.Should().Be(agentPid, "the same agent renewed it");
        status.Services.Single().Release.Should().Be("r1", "no new release was made");
        var log = await File.ReadAllTextAsync(Path.Combine(project.Agent.Directory, "agent.log"));
        log.Split($"ACME: issued a certificate for {host}").Length.Should().BeGreaterThan(2, "the agent's renewal loop issued the second one:\n" + log);
    }
}

/// <summary>Pebble for the agent, issuing certificates valid for 60 seconds.</summary>
public sealed class ShortLivedAgentFacingPebble : PebbleServer
{
    protected override bool StartsResponder => false;

    protected override TimeSpan CertificateValidity => TimeSpan.FromSeconds(60);
}

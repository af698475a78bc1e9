using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Integration.Tests.Drift;

/// <summary>A service's drift is what the running agent says; 'drift' never starts an agent.</summary>
public sealed class ServiceDriftTests
{
    [Fact]
    public async Task A_release_stopped_out_of_band_is_gone_and_deploy_refresh_releases_it_again()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();
        var synced = await project.RunAsync("drift");
        synced.ExitCode.Should().Be(0, synced.ToString());
        synced.Output.Should().MatchRegex(@"web\s+service\s+in sync");

        var stop = await project.Agent.Client.SendAsync(new AgentRequest { Type = AgentProtocol.StopService, ServiceId = ServiceProject.ServiceId }, null, CancellationToken.None);
        stop.Type.Should().Be(AgentProtocol.Result, stop.Error);

        var drift = await project.RunAsync("drift");
        drift.ExitCode.Should().Be(10, drift.ToString());
        drift.Output.Should().MatchRegex(@"web\s+service\s+gone\s+the host agent runs no release of svc/local/web");

        var deploy = await project.RunAsync("deploy", "--refresh", "--yes");
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        deploy.Output.Should().Contain("drifted: the host agent runs no release");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).State.Should().Be("running");
        using var http = new HttpClient();
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v1");
        (await project.RunAsync("drift")).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task With_no_agent_running_the_service_has_drifted_and_drift_starts_none()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();
        await project.Agent.StopAgentAsync();

        var drift = await project.RunAsync("drift");

        drift.ExitCode.Should().Be(10, drift.ToString());
        drift.Output.Should().MatchRegex(@"web\s+service\s+drifted\s+agent not running");
        (await project.Agent.StatusAsync()).Should().BeNull("drift asks a running agent and never starts one");
    }
}

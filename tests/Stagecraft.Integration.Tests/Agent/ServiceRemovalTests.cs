using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>stop-service stops a service, forgets its state and files, and leaves the id free for a new release.</summary>
public sealed class ServiceRemovalTests
{
    [Fact]
    public async Task A_removed_service_is_gone_from_state_and_disk_and_can_be_released_again()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();

        var answer = await project.Agent.Client.SendAsync(new AgentRequest { Type = AgentProtocol.StopService, ServiceId = ServiceProject.ServiceId }, null, CancellationToken.None);

        answer.Type.Should().Be(AgentProtocol.Result, answer.Error);
        Directory.Exists(Path.Combine(project.Agent.Home.ServicesDirectory, "svc", "local", "web")).Should().BeFalse();
        (await project.Agent.StatusAsync())!.Services.Should().BeEmpty();

        // Straight to the agent: the CLI's own state still records the stage as deployed.
        var again = await project.Agent.Client.SendAsync(new AgentRequest
        {
            Type = AgentProtocol.Release,
            Service = new ServiceSpec { Project = "svc", Environment = "local", Stage = "web", Revision = project.AppDirectory, Start = TestAppFiles.Start, Listen = $"127.0.0.1:{project.Port}" },
        }, null, CancellationToken.None);
        again.Type.Should().Be(AgentProtocol.Result, again.Error);
        again.Release!.Release.Should().Be("r1", "the removed service's release numbers were forgotten too");
    }
}

using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>A release that fails outside the steps that stop green (here: staging) is still answered and logged.</summary>
public sealed class ReleaseErrorReportingTests
{
    [Fact]
    public async Task An_io_error_while_staging_is_answered_as_a_failed_release_and_written_to_the_agent_log()
    {
        await using var project = new ServiceProject();
        await project.Agent.StartAgentAsync();

        // A file where the releases directory belongs: staging fails with an IOException.
        var service = Path.Combine(project.Agent.Home.ServicesDirectory, "svc", "local", "web");
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "releases"), "in the way");

        var answer = await project.Agent.Client.SendAsync(new AgentRequest
        {
            Type = AgentProtocol.Release,
            Service = new ServiceSpec { Project = "svc", Environment = "local", Stage = "web", Revision = project.AppDirectory, Start = TestAppFiles.Start, Listen = $"127.0.0.1:{project.Port}" },
        }, null, CancellationToken.None);

        answer.Type.Should().Be(AgentProtocol.Error);
        answer.Error.Should().Contain("the release of svc/local/web failed");
        File.ReadAllText(project.Agent.Home.LogPath).Should().Contain("svc/local/web: the release of svc/local/web failed");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Releasing.Should().BeNull("the release claim is given back");
    }
}

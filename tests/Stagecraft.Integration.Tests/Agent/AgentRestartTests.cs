using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>The agent's desired state survives it: after kill -9 or a stop, a new agent brings services back on the same address.</summary>
public sealed class AgentRestartTests
{
    [Fact]
    public async Task After_kill_9_a_restarted_agent_brings_the_service_back_on_the_same_address_and_leaves_no_orphan()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        project.Write(new() { ["APP_VERSION"] = "v2" });
        await project.DeployOkAsync();
        var before = (await project.Agent.StatusAsync())!;
        var oldInstance = before.Services.Single().Instances.Single().Pid!.Value;

        Posix.Kill(before.Pid, Posix.SigKill);
        await Eventually.TrueAsync(() => !Posix.IsAlive(before.Pid), TimeSpan.FromSeconds(10), "the agent to die");
        // The leader thread turns zombie before the kernel closes the last thread's sockets: wait for the port.
        await Eventually.TrueAsync(() => !FreePort.IsListening(project.Port), TimeSpan.FromSeconds(10), "the proxy to die with the agent");

        await project.Agent.StartAgentAsync();

        using var http = new HttpClient();
        await Eventually.TrueAsync(async () => await AnswersAsync(http, project.Url), TimeSpan.FromSeconds(30), "the service to answer again");
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v2");
        var service = await project.Agent.ServiceAsync(ServiceProject.ServiceId);
        service.Release.Should().Be("r2");
        service.Instances.Single().Pid.Should().NotBe(oldInstance);
        await Eventually.TrueAsync(() => !Posix.IsAlive(oldInstance), TimeSpan.FromSeconds(10), "the previous agent's instance to be stopped");
    }

    [Fact]
    public async Task Agent_stop_takes_services_down_and_agent_start_brings_them_back()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();

        await project.Agent.StopAgentAsync();

        await project.Agent.AssertNoOrphansAsync();
        await Eventually.TrueAsync(() => !FreePort.IsListening(project.Port), TimeSpan.FromSeconds(10), "the service's address to be free");
        await project.Agent.StartAgentAsync();
        using var http = new HttpClient();
        await Eventually.TrueAsync(async () => await AnswersAsync(http, project.Url), TimeSpan.FromSeconds(30), "the service to answer again");
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
    {
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

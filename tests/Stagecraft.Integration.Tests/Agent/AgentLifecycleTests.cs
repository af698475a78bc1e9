using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>The agent process: its socket, its verbs, and that deploy starts one that outlives the CLI.</summary>
public sealed class AgentLifecycleTests
{
    [Fact]
    public async Task The_socket_is_owner_only_and_agent_status_and_stop_work()
    {
        await using var agent = new AgentSandbox();
        var pid = await agent.StartAgentAsync();

        File.GetUnixFileMode(agent.Home.SocketPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(agent.Home.RuntimeDirectory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var status = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "status");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Output.Should().Contain($"agent pid {pid}").And.Contain("no services");
        (await RawRequestAsync(agent.Home.SocketPath, "{\"v\":2,\"type\":\"status\"}")).Should()
            .Contain("\"type\":\"error\"").And.Contain("protocol v1").And.Contain("agent stop", "a client of another protocol version is told what to do");

        var stop = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "stop");

        stop.ExitCode.Should().Be(0, stop.ToString());
        Posix.IsAlive(pid).Should().BeFalse();
        File.Exists(agent.Home.SocketPath).Should().BeFalse();
        var after = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "status");
        after.ExitCode.Should().Be(1);
        after.Error.Should().Contain("no agent is running");
    }

    private static async Task<string> RawRequestAsync(string socketPath, string line)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        await using var stream = new System.Net.Sockets.NetworkStream(socket);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync() ?? "";
    }

    [Fact]
    public async Task Deploy_starts_an_agent_that_outlives_the_CLI_and_stop_leaves_no_process_behind()
    {
        await using var project = new ServiceProject();
        project.Write();

        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        project.StageLog().Should().Contain("started the host agent");
        var status = (await project.Agent.StatusAsync())!;
        Posix.IsAlive(status.Pid).Should().BeTrue("the agent runs on after the CLI exited");
        using var http = new HttpClient();
        (await http.GetAsync(project.Url)).IsSuccessStatusCode.Should().BeTrue();

        await project.Agent.StopAgentAsync();

        await project.Agent.AssertNoOrphansAsync();
        await Eventually.TrueAsync(() => !FreePort.IsListening(project.Port), TimeSpan.FromSeconds(10), "the service's address to be free");
    }

    [Fact]
    public async Task A_stale_socket_left_by_a_dead_agent_does_not_stop_a_new_one()
    {
        await using var agent = new AgentSandbox();
        var pid = await agent.StartAgentAsync();
        Posix.Kill(pid, Posix.SigKill);
        await Eventually.TrueAsync(() => !Posix.IsAlive(pid), TimeSpan.FromSeconds(10), "the agent to die");
        File.Exists(agent.Home.SocketPath).Should().BeTrue("kill -9 leaves the socket file behind");

        var again = await agent.StartAgentAsync();

        again.Should().NotBe(pid);
        (await agent.StatusAsync()).Should().NotBeNull();
    }
}

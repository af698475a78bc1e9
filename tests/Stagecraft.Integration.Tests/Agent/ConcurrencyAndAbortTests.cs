using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>One release per service at a time; Ctrl-C before the switch stops green and leaves blue serving.</summary>
public sealed class ConcurrencyAndAbortTests
{
    [Fact]
    public async Task A_second_concurrent_release_of_the_same_service_is_refused()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        // The first release stays in its health gate until the test lets it go, however slowly the second request comes.
        var healthy = Path.Combine(project.Path, "healthy");
        project.Write(new() { ["APP_VERSION"] = "v2", ["HEALTH"] = $"fail-until:{healthy}" }, "    health: { path: /healthz, interval: 100ms, timeout: 1s, healthy_threshold: 2, grace: 10m }\n");
        using var first = project.Start("deploy", "--yes");
        await Eventually.TrueAsync(async () => (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Releasing is not null, TimeSpan.FromSeconds(60), "the first release to start");

        var second = await project.Agent.Client.SendAsync(new AgentRequest
        {
            Type = AgentProtocol.Release,
            Service = new ServiceSpec { Project = "svc", Environment = "local", Stage = "web", Revision = project.AppDirectory, Start = TestAppFiles.Start, Listen = $"127.0.0.1:{project.Port}" },
        }, null, CancellationToken.None);

        File.WriteAllText(healthy, "");
        second.Type.Should().Be(AgentProtocol.Error);
        second.Error.Should().Contain("refused").And.Contain("already in progress");
        (await first.WaitAsync(TimeSpan.FromSeconds(60))).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Ctrl_C_before_the_switch_aborts_the_release_and_blue_keeps_serving()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        await using var load = LoadClient.Start(project.Url);
        project.Write(new() { ["APP_VERSION"] = "v2", ["HEALTH"] = "fail" }, "    health: { interval: 100ms, grace: 60s }\n");
        using var deploying = project.Start("deploy", "--yes");
        await Eventually.TrueAsync(() => deploying.Output.Contains("answers 503", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "green to be under its health check");

        deploying.Signal(Posix.SigInt);
        var result = await deploying.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(130, result.ToString());
        var service = await project.Agent.ServiceAsync(ServiceProject.ServiceId);
        service.Release.Should().Be("r1");
        service.Releasing.Should().BeNull();
        var greens = ReleaseLog.InstancePids(project.StageLog()).Where(p => p.Release != "r1").ToList();
        greens.Should().NotBeEmpty("the stage log names green's pids");
        foreach (var (release, pid) in greens)
        {
            Posix.IsAlive(pid).Should().BeFalse($"green {release} was stopped");
        }

        project.StageLog().Should().Contain("aborted before the switch; r1 keeps serving");
        await load.WaitForAsync(20);
        load.Failures.Should().BeEmpty();
    }
}

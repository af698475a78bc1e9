using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.TestSupport;
using Xunit.Abstractions;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>The contract of the whole feature: releases under continuous load fail no request.</summary>
public sealed class ZeroDowntimeTests(ITestOutputHelper output)
{
    private const int Releases = 20;

    [Fact]
    public async Task Twenty_consecutive_releases_under_continuous_load_fail_no_request()
    {
        await using var agent = new AgentSandbox();
        using var app = new TempDirectory("zd");
        TestAppFiles.CopyTo(app.Path);
        await agent.StartAgentAsync();
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/");
        (await ReleaseAsync(agent, app.Path, port, 0)).Release.Should().Be("r1");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var load = LoadClient.Start(url, workers: 8))
        {
            await load.WaitForAsync(100);
            for (var i = 1; i <= Releases; i++)
            {
                var outcome = await ReleaseAsync(agent, app.Path, port, i);
                outcome.Release.Should().Be($"r{i + 1}");
                await load.WaitForAsync(50);
            }

            output.WriteLine($"{load.Completed} requests during {Releases} releases in {clock.Elapsed.TotalSeconds:0.0}s");
            load.Failures.Should().BeEmpty();
            load.VersionsSince(0).Should().Contain([$"v{Releases}", "v1"]);
        }

        var service = await agent.ServiceAsync("zd/local/web");
        service.KeptReleases.Should().HaveCount(4, "the live release and the 3 kept for rollback");
    }

    private static async Task<ReleaseOutcome> ReleaseAsync(AgentSandbox agent, string app, int port, int i)
    {
        var spec = new ServiceSpec
        {
            Project = "zd",
            Environment = "local",
            Stage = "web",
            Revision = app,
            Start = TestAppFiles.Start,
            Env = new Dictionary<string, string> { ["APP_VERSION"] = $"v{i}" },
            Listen = $"127.0.0.1:{port}",
            Health = new HealthSpec { Interval = TimeSpan.FromMilliseconds(100), HealthyThreshold = 2, Grace = TimeSpan.FromSeconds(30) },
            StopTimeout = TimeSpan.FromSeconds(5),
            Fingerprint = $"f{i}",
        };
        var answer = await agent.Client.SendAsync(new AgentRequest { Type = AgentProtocol.Release, Service = spec }, null, CancellationToken.None);
        answer.Error.Should().BeNull();
        return answer.Release!;
    }
}

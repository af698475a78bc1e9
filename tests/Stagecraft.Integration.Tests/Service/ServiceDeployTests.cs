using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>A service stage through the real CLI: first release, nothing-changed, a new version, outputs.</summary>
public sealed class ServiceDeployTests
{
    [Fact]
    public async Task Deploy_releases_the_app_behind_the_proxy_and_a_second_deploy_changes_nothing()
    {
        await using var project = new ServiceProject();
        project.Write();

        var first = await project.DeployAsync();

        first.ExitCode.Should().Be(0, first.ToString());
        using var http = new HttpClient();
        var response = await http.GetAsync(project.Url);
        response.Headers.GetValues("X-Version").Should().Equal("v1");
        var outputs = await project.RunAsync("outputs", "web", "--json");
        outputs.Output.Should().Contain($"\"url\": \"http://127.0.0.1:{project.Port}\"").And.Contain("\"release\": \"r1\"");

        var second = await project.DeployAsync();

        second.ExitCode.Should().Be(0, second.ToString());
        second.Output.Should().Contain("no-change");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Release.Should().Be("r1");
    }

    [Fact]
    public async Task A_new_version_is_released_blue_green_and_blue_is_stopped()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();
        var blue = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single().Pid!.Value;

        project.Write(new Dictionary<string, string> { ["APP_VERSION"] = "v2" });
        var result = await project.DeployAsync();

        result.ExitCode.Should().Be(0, result.ToString());
        using var http = new HttpClient();
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v2");
        var service = await project.Agent.ServiceAsync(ServiceProject.ServiceId);
        service.Release.Should().Be("r2");
        service.KeptReleases.Should().Equal("r1", "r2");
        await Eventually.TrueAsync(() => !Posix.IsAlive(blue), TimeSpan.FromSeconds(10), "blue to stop");
        project.StageLog().Should().Contain("switched").And.Contain("drained r1").And.Contain("stopped r1");
    }
}

using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>bake: after the switch blue stays up; trouble in green sends traffic back to blue and fails the stage.</summary>
public sealed class BakeTests
{
    // Trouble ends a bake at once, so a window far longer than the test keeps green under watch however slowly the
    // test acts; only a bake that missed the trouble would run it out.
    private const string Bake = "    bake: { window: 10m, max_error_rate: 0.1, min_requests: 5 }\n";

    [Fact]
    public async Task A_green_that_passes_healthz_but_fails_requests_is_rolled_back_during_the_bake()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" }, Bake);
        await project.DeployOkAsync();
        await using var load = LoadClient.Start(project.Url);
        await load.WaitForAsync(30);

        project.Write(new() { ["APP_VERSION"] = "v2", ["ROOT_STATUS"] = "500" }, Bake);
        var deploy = await project.DeployAsync();
        var after = load.Clock.ElapsedMilliseconds;
        await load.WaitForAsync(30, stopOnFailure: false);

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Output.Should().Contain("bake failed").And.Contain("error rate").And.Contain("traffic went back to r1");
        load.Failures.Should().OnlyContain(f => f.Contains("status 500"), "only green's own answers failed");
        load.VersionsSince(after).Should().Equal(["v1"]);
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Release.Should().Be("r1");
        var greens = ReleaseLog.InstancePids(project.StageLog());
        greens.Should().NotBeEmpty("the stage log names green's pids");
        foreach (var (release, pid) in greens)
        {
            Posix.IsAlive(pid).Should().BeFalse($"{release} was stopped");
        }
    }

    [Fact]
    public async Task A_green_that_dies_during_the_bake_sends_traffic_back_to_blue()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" }, Bake);
        await project.DeployOkAsync();
        using var http = new HttpClient();

        project.Write(new() { ["APP_VERSION"] = "v2" }, Bake);
        using var deploying = project.Start("deploy", "--yes");
        await Eventually.TrueAsync(async () => await VersionAsync(http, project.Url) == "v2", TimeSpan.FromSeconds(60), "the switch to green");
        try
        {
            await http.GetAsync(new Uri(project.Url, "crash"));
        }
        catch (HttpRequestException)
        {
            // The instance died under this very request.
        }

        var deploy = await deploying.WaitAsync(TimeSpan.FromSeconds(60));

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Output.Should().Contain("green instance 0").And.Contain("during the bake").And.Contain("traffic went back to r1");
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v1");
    }

    private static async Task<string?> VersionAsync(HttpClient http, Uri url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.Headers.TryGetValues("X-Version", out var values) ? values.Single() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

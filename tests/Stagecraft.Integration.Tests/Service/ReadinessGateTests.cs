using System.Globalization;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>Green takes traffic only once healthy; instances share it round robin.</summary>
public sealed partial class ReadinessGateTests
{
    [Fact]
    public async Task Green_that_is_unhealthy_for_a_while_gets_no_request_before_it_is_healthy()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        await using var load = LoadClient.Start(project.Url);
        await load.WaitForAsync(30);

        project.Write(new() { ["APP_VERSION"] = "v2", ["HEALTH"] = "fail-for:1.5", ["REQUEST_LOG"] = "1" });
        var deploy = await project.DeployAsync();
        await load.WaitForAsync(30);

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        load.Failures.Should().BeEmpty();
        var green = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single();
        var served = RequestLine().Matches(File.ReadAllText(green.LogFile)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        served.Should().NotBeEmpty("green serves once live");
        served.Should().OnlyContain(ms => ms >= 1500, "no request reached green while its health check failed");
    }

    [Fact]
    public async Task Instances_share_traffic_round_robin()
    {
        await using var project = new ServiceProject();
        project.Write(extra: "    instances: 2\n");
        await project.DeployOkAsync();
        using var http = new HttpClient();

        var instances = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add((await http.GetAsync(project.Url)).Headers.GetValues("X-Instance").Single());
        }

        instances.Distinct().Should().BeEquivalentTo(["0", "1"]);
        instances.Count(i => i == "0").Should().Be(10);
    }

    [GeneratedRegex(@"request / at (\d+) ms")]
    private static partial Regex RequestLine();
}

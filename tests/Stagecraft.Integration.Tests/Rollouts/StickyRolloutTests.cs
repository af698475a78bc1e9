using System.Net;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>sticky: true keeps each client on one side of a running rollout by its cookie.</summary>
public sealed class StickyRolloutTests
{
    [Fact]
    public async Task A_client_keeps_its_side_by_the_cookie_the_proxy_gave_it()
    {
        await using var project = new ServiceProject();
        var rollout = RolloutProject.Rollout("10m", minRequests: 1, maxStepTime: "10m", steps: "[50]", extra: ", sticky: true");
        project.Write(new() { ["APP_VERSION"] = "v1" }, rollout);
        await project.DeployOkAsync();
        project.Write(new() { ["APP_VERSION"] = "v2" }, rollout);
        using var deploying = project.Start("deploy", "--yes");
        await RolloutProject.WaitForStepAsync(project, 50);

        for (var client = 0; client < 6; client++)
        {
            var cookies = new CookieContainer();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = cookies });
            var versions = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                using var response = await http.GetAsync(project.Url);
                versions.Add(response.Headers.GetValues("X-Version").Single());
            }

            cookies.GetCookies(project.Url)["stagecraft_rollout"].Should().NotBeNull("the proxy gave the client its bucket");
            versions.Distinct().Should().ContainSingle($"client {client} stays on one side");
        }

        (await VersionWithBucketAsync(project.Url, 0)).Should().Be("v2", "bucket 0 is below 50%");
        (await VersionWithBucketAsync(project.Url, 99)).Should().Be("v1", "bucket 99 is not");

        (await project.RunAsync("rollout", "abort", "web")).ExitCode.Should().Be(0);
        (await deploying.WaitAsync(TimeSpan.FromSeconds(120))).ExitCode.Should().Be(1);
        (await VersionWithBucketAsync(project.Url, 0)).Should().Be("v1", "after the abort every client is on blue");
    }

    private static async Task<string> VersionWithBucketAsync(Uri url, int bucket)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"stagecraft_rollout={bucket}");
        using var response = await http.SendAsync(request);
        response.Headers.Contains("Set-Cookie").Should().BeFalse("a client with a bucket keeps it");
        return response.Headers.GetValues("X-Version").Single();
    }
}

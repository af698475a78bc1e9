using System.Net;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>The switch is atomic and blue is only stopped after its drain: what in-flight requests and blue see.</summary>
public sealed class SwitchAndDrainTests
{
    [Fact]
    public async Task Long_requests_begun_before_the_switch_complete_and_blue_gets_SIGTERM_only_after_them()
    {
        await using var project = new ServiceProject();
        var events = new AppEvents(Path.Combine(project.Path, "events.log"));
        project.Write(new() { ["APP_VERSION"] = "v1", ["EVENT_LOG"] = events.Path });
        await project.DeployOkAsync();
        var bluePid = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single().Pid!.Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var finish = Path.Combine(project.Path, "finish-slow-requests");
        var slow = Enumerable.Range(0, 3)
            .Select(_ => http.GetAsync(new Uri(project.Url, $"slow?ms=400&chunks=8&until={Uri.EscapeDataString(finish)}"), HttpCompletionOption.ResponseHeadersRead)).ToList();
        await events.WaitForAsync("slow-start", 3);

        // The drain waits as long as the test takes to let the slow requests go.
        project.Write(new() { ["APP_VERSION"] = "v2", ["EVENT_LOG"] = events.Path }, "    drain_timeout: 10m\n");
        using var deploying = project.Start("deploy", "--yes");
        await Eventually.TrueAsync(async () => (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Single() == "v2", TimeSpan.FromSeconds(60), "the switch to green");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Releasing.Should().NotBeNull("the release waits for blue's requests to drain");
        Posix.IsAlive(bluePid).Should().BeTrue();
        File.WriteAllText(finish, "");
        var deploy = await deploying.WaitAsync(TimeSpan.FromSeconds(60));

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        foreach (var request in slow)
        {
            using var response = await request;
            response.Headers.GetValues("X-Version").Should().Equal("v1");
            var body = await response.Content.ReadAsStringAsync();
            body.Should().Be(string.Concat(Enumerable.Range(0, 8).Select(i => $"chunk {i}\n")) + "done\n");
        }

        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v2");
        var seen = events.Read();
        var lastDone = seen.Where(e => e.Name == "slow-done" && e.Pid == bluePid).Should().HaveCount(3).And.Subject.Max(e => e.At);
        var sigterm = seen.Where(e => e.Name == "SIGTERM" && e.Pid == bluePid).Should().ContainSingle().Subject;
        sigterm.At.Should().BeGreaterThanOrEqualTo(lastDone, "blue is told to stop only after its in-flight requests finished");
        // The three slow requests, plus any poll of the switch that was still on its way to blue. They count
        // from the switch: the test lets them finish once it sees the switch, which may be before the drain begins.
        var drained = System.Text.RegularExpressions.Regex.Match(project.StageLog(), @"drained r1: (\d+) in-flight finished");
        drained.Success.Should().BeTrue(project.StageLog());
        int.Parse(drained.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task A_short_drain_timeout_cuts_what_still_runs_with_the_documented_statuses()
    {
        await using var project = new ServiceProject();
        var events = new AppEvents(Path.Combine(project.Path, "events.log"));
        project.Write(new() { ["APP_VERSION"] = "v1", ["EVENT_LOG"] = events.Path });
        await project.DeployOkAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        // Both would outlast any deploy: one streams its first line and then waits for a file nobody writes, the
        // other waits ten minutes before its headers. Only the drain's cut ends them.
        var never = Uri.EscapeDataString(Path.Combine(project.Path, "never"));
        var streaming = http.GetAsync(new Uri(project.Url, $"slow?ms=0&chunks=1&until={never}"), HttpCompletionOption.ResponseHeadersRead);
        var waiting = http.GetAsync(new Uri(project.Url, "slow?ms=600000&headers=late"));
        await events.WaitForAsync("slow-start", 1);
        await events.WaitForAsync("slow-waiting", 1);

        project.Write(new() { ["APP_VERSION"] = "v2" }, "    drain_timeout: 1s\n");
        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        project.StageLog().Should().Contain("2 cut at the drain timeout of 1s");
        using (var cut = await waiting)
        {
            cut.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a request still waiting for its headers gets a 503");
            (await cut.Content.ReadAsStringAsync()).Should().Contain("request cut by drain");
        }

        using var started = await streaming;
        started.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = () => started.Content.ReadAsStringAsync();
        await read.Should().ThrowAsync<HttpRequestException>("a body already streaming ends with its connection aborted, never as a short 200");
    }

    [Fact]
    public async Task A_blue_that_ignores_SIGTERM_is_killed_after_stop_timeout_leaving_no_process_or_port()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1", ["IGNORE_SIGTERM"] = "1" }, "    stop_timeout: 1s\n");
        await project.DeployOkAsync();
        var blue = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single();

        project.Write(new() { ["APP_VERSION"] = "v2" }, "    stop_timeout: 1s\n");
        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        Posix.IsAlive(blue.Pid!.Value).Should().BeFalse();
        await Eventually.TrueAsync(() => !FreePort.IsListening(blue.Port), TimeSpan.FromSeconds(10), "blue's port to be free");
        File.ReadAllText(blue.LogFile).Should().Contain($"# stopped pid {blue.Pid}: killed by signal 9 after 1.");
    }
}

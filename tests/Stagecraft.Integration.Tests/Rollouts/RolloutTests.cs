using System.Globalization;
using System.Text.Json;
using Stagecraft.Integration.Tests.Metrics;
using Stagecraft.Integration.Tests.Operators;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>
/// Progressive rollouts through the real CLI, agent and proxy under continuous load: judged on green's own
/// figures, aborted or promoted by the agent, and by 'stagecraft rollout promote|abort' while deploy runs.
/// </summary>
public sealed class RolloutTests
{
    [Fact]
    public async Task A_green_failing_a_fifth_of_its_requests_is_aborted_at_the_first_step_and_blue_serves_every_later_request()
    {
        await using var project = new ServiceProject();
        var rollout = RolloutProject.Rollout("2s");
        project.Write(new() { ["APP_VERSION"] = "v1" }, rollout);
        (await project.DeployAsync()).ExitCode.Should().Be(0, "a first release switches at once");
        await using var load = SequencedLoad.Start(project.Url);
        await load.WaitForAsync(50);

        project.Write(new() { ["APP_VERSION"] = "v2", ["FAIL_EVERY"] = "5" }, rollout);
        await using var receiver = await WebhookReceiver.StartAsync();
        var file = System.IO.Path.Combine(project.Path, "stagecraft.yml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("    target: local\n", $"    target: local\n    notify: [{{ url: \"{receiver.Url}\", on: [failed, rolled_back] }}]\n", StringComparison.Ordinal));
        var deploy = await project.DeployAsync();
        var decided = load.Started;
        await load.WaitForAsync(100);

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        receiver.DeliveredEvents.Should().BeEquivalentTo(["failed", "rolled_back"], "an aborted rollout put the previous release back by itself");
        deploy.All.Should().MatchRegex(@"rollout aborted at 10%: green 5xx \d+ of \d+ requests \(\d+(\.\d)?%\) > 1%")
            .And.Contain("r1 serves every request again and r2 was stopped");
        var results = load.Results.ToList();
        results.Where(r => r.Number > decided).Should().NotBeEmpty().And.OnlyContain(r => r.Ok && r.Version == "v1", "every request that started after the decision went to blue");
        results.Where(r => !r.Ok).Should().OnlyContain(r => r.Status == 500 && r.Version == "v2" && r.Body.StartsWith("hello from v2", StringComparison.Ordinal),
            "only green's own answers failed");
        results.Count(r => r.Version == "v2").Should().BeGreaterThan(0, "green had its share of the step");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Release.Should().Be("r1");

        var run = await project.RunAsync("show", "2", "--json");
        run.Output.Should().Contain("rollout aborted at 10%: green 5xx", "the run's record carries the figures");
        project.StageLog().Should().MatchRegex(@"rollout step 10%: \d+ requests, \d+ errors \([\d.]+%\) in [\d.]+s, failed");
    }

    [Fact]
    public async Task A_healthy_green_is_promoted_step_by_step_and_its_release_record_carries_the_step_figures()
    {
        await using var project = new ServiceProject();
        var metricsPort = FreePort.Next();
        Directory.CreateDirectory(project.Agent.Directory);
        await File.WriteAllTextAsync(Path.Combine(project.Agent.Directory, "agent.yml"), $"metrics: 127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}\n");
        var rollout = RolloutProject.Rollout("1s", minRequests: 10);
        project.Write(new() { ["APP_VERSION"] = "v1" }, rollout);
        await project.DeployOkAsync();
        await using var load = SequencedLoad.Start(project.Url);
        await load.WaitForAsync(50);

        project.Write(new() { ["APP_VERSION"] = "v2" }, rollout);
        var deploy = await project.DeployAsync();
        var promoted = load.Started;
        await load.WaitForAsync(100);

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        project.StageLog().Should().MatchRegex(@"rollout step 10%: \d+ requests, 0 errors \(0%\) in [\d.]+s, passed")
            .And.MatchRegex(@"rollout step 50%: \d+ requests, 0 errors \(0%\) in [\d.]+s, passed")
            .And.Contain("promoted to 100% after the 50% step");
        var results = load.Results.ToList();
        results.Should().OnlyContain(r => r.Ok, "no request failed");
        results.Where(r => r.Number > promoted).Should().NotBeEmpty().And.OnlyContain(r => r.Version == "v2");
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Release.Should().Be("r2");

        var status = await project.RunAsync("rollout", "status", "web");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Output.Should().Contain("rollout of r2 (from r1): promoted").And.Contain("step 10%:").And.Contain("step 50%:");
        var outputs = await project.RunAsync("outputs", "web");
        outputs.Output.Should().Contain("10%:").And.Contain("50%:").And.Contain("promoted to 100%");

        // While green had a share, its requests were the candidate's in metrics; promoted, it has none.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var scrape = await Scrape.FetchAsync(http, metricsPort);
        scrape.Sum("stagecraft_proxy_requests_total", ("service", ServiceProject.ServiceId), ("role", "candidate")).Should().BeGreaterThan(0);
        scrape.Value("stagecraft_rollout_candidate_percent", ("service", ServiceProject.ServiceId)).Should().Be(0);

        // The access log names the release that served each request: during the steps blue and green alternate.
        var accessLog = Path.Combine(project.Agent.Directory, "services", "svc", "local", "web", "logs", "access.log");
        var releases = File.ReadAllLines(accessLog).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("release").GetString()).ToList();
        releases.SkipWhile(r => r != "r2").Should().Contain("r1", "blue kept serving its share after green's first request");

        // A rollback returns to a release already proven: it switches at once, with no rollout of its own.
        var back = await project.RunAsync("rollback", "web");
        back.ExitCode.Should().Be(0, back.ToString());
        back.Output.Should().Contain("r1 is live again");
        var after = await project.RunAsync("rollout", "status", "web");
        after.Error.Should().Contain("no rollout of", "r1, live again, was put back without a rollout of its own");
        after.All.Should().NotContain("rollout of r1 (from r2)");
    }

    [Fact]
    public async Task Promote_and_abort_act_on_a_running_rollout_while_deploy_holds_the_lock()
    {
        await using var project = new ServiceProject();
        var rollout = RolloutProject.Rollout("10m", minRequests: 1, maxStepTime: "10m");
        project.Write(new() { ["APP_VERSION"] = "v1" }, rollout);
        await project.DeployOkAsync();
        await using var load = SequencedLoad.Start(project.Url, workers: 2);

        project.Write(new() { ["APP_VERSION"] = "v2" }, rollout);
        using (var deploying = project.Start("deploy", "--yes"))
        {
            await RolloutProject.WaitForStepAsync(project, 10);
            var promote = await project.RunAsync("rollout", "promote", "web");
            var promoted = load.Started;
            promote.ExitCode.Should().Be(0, promote.ToString());
            promote.Output.Should().Contain("promoted to 100% at 10% by 'stagecraft rollout promote'");
            var deploy = await deploying.WaitAsync(TimeSpan.FromSeconds(120));
            deploy.ExitCode.Should().Be(0, deploy.ToString());
            await load.WaitForAsync(20);
            load.Results.Where(r => r.Number > promoted).Should().NotBeEmpty().And.OnlyContain(r => r.Ok && r.Version == "v2");
        }

        project.Write(new() { ["APP_VERSION"] = "v3" }, rollout);
        using (var deploying = project.Start("deploy", "--yes"))
        {
            await RolloutProject.WaitForStepAsync(project, 10);
            var abort = await project.RunAsync("rollout", "abort", "web");
            var aborted = load.Started;
            abort.ExitCode.Should().Be(0, abort.ToString());
            abort.Output.Should().Contain("rollout aborted at 10% by 'stagecraft rollout abort'");
            var deploy = await deploying.WaitAsync(TimeSpan.FromSeconds(120));
            deploy.ExitCode.Should().Be(1, deploy.ToString());
            deploy.All.Should().Contain("rollout aborted at 10% by").And.Contain("r2 serves every request again and r3 was stopped");
            await load.WaitForAsync(20);
            load.Results.Where(r => r.Number > aborted).Should().NotBeEmpty().And.OnlyContain(r => r.Ok && r.Version == "v2");
        }

        load.Results.Should().OnlyContain(r => r.Ok, "promoting and aborting failed no request");
        var none = await project.RunAsync("rollout", "abort", "web");
        none.ExitCode.Should().Be(1);
        none.Error.Should().Contain("no rollout of svc/local/web is running");
    }

    [Fact]
    public async Task A_deploy_killed_during_a_rollout_changes_nothing_and_the_next_deploy_converges()
    {
        await using var project = new ServiceProject();
        // The step waits for green's 5 requests, which only come once the CLI is gone.
        var rollout = RolloutProject.Rollout("1s", minRequests: 5, maxStepTime: "10m", steps: "[50]");
        project.Write(new() { ["APP_VERSION"] = "v1" }, rollout);
        await project.DeployOkAsync();

        project.Write(new() { ["APP_VERSION"] = "v2" }, rollout);
        using (var deploying = project.Start("deploy", "--yes"))
        {
            await RolloutProject.WaitForStepAsync(project, 50);
            deploying.Signal(Posix.SigKill);
            await deploying.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var http = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            (await http.GetAsync(project.Url)).EnsureSuccessStatusCode();
            return (await project.Agent.ServiceAsync(ServiceProject.ServiceId)) is { Release: "r2", Releasing: null };
        }, TimeSpan.FromSeconds(60), "the agent to judge the step and promote green on its own");
        var next = await project.DeployAsync();
        next.ExitCode.Should().Be(0, next.ToString());
        (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Release.Should().Be("r2", "the next deploy found the revision live already");
    }
}

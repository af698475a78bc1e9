using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;
using Xunit.Abstractions;

namespace Stagecraft.Integration.Tests.Chaos;

/// <summary>
/// kill -9 of the host agent at four moments of a release, each picked by the line the release wrote
/// (never a timer): once the agent is back exactly one release is live and serves, no instance runs
/// unsupervised, and the next deploy converges. How long requests failed is printed (a figure for
/// docs/reliability.md), not asserted.
/// </summary>
public sealed partial class AgentKillChaosTests(ITestOutputHelper output)
{
    public static TheoryData<string> Moments => ["staging", "health gate", "switch", "drain"];

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task After_a_kill_9_of_the_agent_one_release_is_live_and_serves_and_the_next_deploy_converges(string moment)
    {
        await using var project = new ServiceProject();
        var finish = Path.Combine(project.Path, "finish");
        Executable.Write(project.WriteFile("hooks/hold.sh", "#!/bin/sh\nwhile [ ! -f \"$FINISH\" ]; do sleep 0.05; done\n"));
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        var before = (await project.Agent.StatusAsync())!;
        var appPids = new HashSet<int>(before.Services.Single().Instances.Select(i => i.Pid!.Value));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Task<HttpResponseMessage>? held = null;
        if (moment == "drain")
        {
            // In flight on blue until the test lets it go (its headers come at once, its body once 'finish' exists).
            held = http.GetAsync(new Uri(project.Url, $"slow?ms=0&chunks=1&until={Uri.EscapeDataString(finish)}"), HttpCompletionOption.ResponseHeadersRead);
            await held;
        }

        // Each moment is held until the test writes 'finish' after the kill, so the kill lands in it however slow the
        // machine: an AfterInstall hook that waits (staging), a health check that fails until then (health gate), a
        // bake far longer than the test (switch), a request on blue that a long drain waits for (drain).
        var env = new Dictionary<string, string> { ["APP_VERSION"] = "v2", ["FINISH"] = finish, ["HEALTH"] = moment == "health gate" ? $"fail-until:{finish}" : "ok" };
        project.Write(env, moment switch
        {
            "staging" => "    hooks: { AfterInstall: [ { location: hooks/hold.sh, timeout: 10m } ] }\n",
            "health gate" => "    health: { path: /healthz, interval: 100ms, timeout: 1s, healthy_threshold: 2, grace: 10m }\n",
            "switch" => "    bake: { window: 10m }\n",
            _ => "    drain_timeout: 10m\n",
        });
        var cli = project.Start("deploy", "--yes");
        await Eventually.TrueAsync(() => ReachedMoment(project, moment), TimeSpan.FromSeconds(90), $"the release to reach its {moment}");
        appPids.UnionWith(GreenPids().Matches(LogOf(project)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

        Posix.Kill(before.Pid, Posix.SigKill);
        var outage = Stopwatch.StartNew();
        (await cli.WaitAsync(TimeSpan.FromSeconds(60))).ExitCode.Should().NotBe(0, "the release it waited for was cut off");
        cli.Dispose();
        File.WriteAllText(finish, "");
        await Eventually.TrueAsync(() => !Posix.IsAlive(before.Pid), TimeSpan.FromSeconds(10), "the agent to die");
        await Eventually.TrueAsync(() => !FreePort.IsListening(project.Port), TimeSpan.FromSeconds(10), "the proxy to die with the agent");

        await project.Agent.StartAgentAsync();
        await Eventually.TrueAsync(async () => await AnswersAsync(http, project.Url), TimeSpan.FromSeconds(60), "the service to answer again");
        var failedFor = outage.Elapsed;

        var service = await project.Agent.ServiceAsync(ServiceProject.ServiceId);
        service.Release.Should().BeOneOf(["r1", "r2"], "exactly one release is live");
        var version = (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Single();
        version.Should().Be(service.Release == "r1" ? "v1" : "v2", "the live release is the one that serves");
        var supervised = service.Instances.Select(i => i.Pid).OfType<int>().ToHashSet();
        await Eventually.TrueAsync(() => appPids.Where(Posix.IsAlive).All(supervised.Contains), TimeSpan.FromSeconds(20),
            "every instance the killed agent ran to be stopped or supervised again");

        if (moment == "switch")
        {
            // Without the bake: a release of v2 now (if r1 came back) must not wait ten minutes.
            project.Write(env);
        }

        var next = await project.DeployAsync();
        next.ExitCode.Should().Be(0, next.ToString());
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Single().Should().Be("v2");
        (await project.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0, "state equals what runs");
        if (held is not null)
        {
            try
            {
                using var response = await held;
                output.WriteLine($"held request on blue: {(int)response.StatusCode}");
            }
            catch (HttpRequestException error)
            {
                output.WriteLine($"held request on blue: {error.Message}");
            }
        }

        output.WriteLine($"chaos agent-kill at {moment}: live {service.Release} after restart, requests failed for at most {failedFor.TotalSeconds:F1} s (from the kill until the restarted agent answered)");
    }

    private static bool ReachedMoment(ServiceProject project, string moment)
    {
        var log = LogOf(project);
        return moment switch
        {
            "staging" => log.Contains("staged r2", StringComparison.Ordinal),
            "health gate" => GreenPids().IsMatch(log),
            _ => log.Contains("to r2: new requests go to it", StringComparison.Ordinal),
        };
    }

    private static string LogOf(ServiceProject project)
    {
        try
        {
            return project.StageLog();
        }
        catch (Exception error) when (error is IOException or InvalidOperationException)
        {
            return "";
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
    {
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"r2 instance \d+: pid (\d+) on")]
    private static partial Regex GreenPids();
}
